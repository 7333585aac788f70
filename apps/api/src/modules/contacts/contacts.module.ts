import type { ModuleManifest } from '../../platform/module.js';
import { contactsRoutes } from './contacts.routes.js';
import { createContactsService, type ContactsService } from './contacts.service.js';

declare module '../../platform/module.js' {
  interface ModuleServices {
    contacts: ContactsService;
  }
}

/** The contact log: every call, e-mail or note with a person (other modules log inside their transactions). */
export const contactsModule: ModuleManifest<'contacts'> = {
  name: 'contacts',
  services: (deps) => createContactsService(deps),
  routes: (app, contacts) => contactsRoutes(app, contacts),
};
