import { SYSTEM } from '../../platform/actor.js';
import { notFound } from '../../platform/errors.js';
import { recordType } from '../../platform/records.js';
import { createPeopleService, familyFields, personFields } from './people.service.js';
import { findFamily, findPerson } from './people.repository.js';

/** People and families: read as GET /api/people/:id and GET /api/families/:id read them. */
export const PEOPLE_RECORDS = [
  recordType('person', (deps) => {
    const people = createPeopleService(deps);
    return {
      read: async (actor, id) => {
        const person = await findPerson(deps.db, id);
        if (!person) throw notFound();
        await people.assertPersonAccess(actor, person, 'read');
      },
      fields: (actor) => personFields(actor),
      all: personFields(SYSTEM),
    };
  }),
  recordType('family', (deps) => {
    const people = createPeopleService(deps);
    return {
      read: async (actor, id) => {
        if (!(await findFamily(deps.db, id))) throw notFound();
        await people.assertFamilyAccess(actor, id, 'read');
      },
      fields: (actor) => familyFields(actor),
      all: familyFields(SYSTEM),
    };
  }),
];
