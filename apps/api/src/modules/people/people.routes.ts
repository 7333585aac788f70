import { z } from 'zod';
import {
  CreateFamilyBody,
  CreateTeacherBody,
  Cursor,
  Family,
  FamilySummary,
  Id,
  NewGuardian,
  NewStudent,
  Page,
  Person,
  SearchHit,
  SearchQuery,
  UpdateFamilyBody,
  UpdatePersonBody,
  searchText,
} from '@contracts';
import type { FastifyZod } from '../../platform/fastify-zod.js';
import type { PeopleService } from './people.service.js';

const IdParams = z.object({ id: Id });
const ListQuery = z.object({
  cursor: Cursor.optional(),
  q: searchText(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const TeacherSummary = Person.extend({ status: z.string() });

export function peopleRoutes(app: FastifyZod, people: PeopleService): void {
  const tags = ['people'];
  app.get('/api/search', { schema: { tags, querystring: SearchQuery, response: { 200: z.array(SearchHit) } } }, (req) =>
    people.search(req.actor, req.query.q, req.query.limit),
  );

  app.get(
    '/api/families',
    { schema: { tags, querystring: ListQuery, response: { 200: Page(FamilySummary) } } },
    (req) => people.listFamilies(req.actor, req.query),
  );
  app.post(
    '/api/families',
    { schema: { tags, body: CreateFamilyBody, response: { 201: Family } } },
    async (req, reply) => reply.status(201).send(await people.createFamily(req.actor, req.body)),
  );
  app.get('/api/families/:id', { schema: { tags, params: IdParams, response: { 200: Family } } }, (req) =>
    people.getFamily(req.actor, req.params.id),
  );
  app.patch(
    '/api/families/:id',
    { schema: { tags, params: IdParams, body: UpdateFamilyBody, response: { 200: Family } } },
    (req) => people.updateFamily(req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/families/:id/guardians',
    { schema: { tags, params: IdParams, body: NewGuardian, response: { 201: Person } } },
    async (req, reply) => reply.status(201).send(await people.addGuardian(req.actor, req.params.id, req.body)),
  );
  app.post(
    '/api/families/:id/students',
    { schema: { tags, params: IdParams, body: NewStudent, response: { 201: Person } } },
    async (req, reply) => reply.status(201).send(await people.addStudent(req.actor, req.params.id, req.body)),
  );

  app.get('/api/people/:id', { schema: { tags, params: IdParams, response: { 200: Person } } }, (req) =>
    people.getPerson(req.actor, req.params.id),
  );
  app.patch(
    '/api/people/:id',
    { schema: { tags, params: IdParams, body: UpdatePersonBody, response: { 200: Person } } },
    (req) => people.updatePerson(req.actor, req.params.id, req.body),
  );

  app.get(
    '/api/teachers',
    { schema: { tags, querystring: ListQuery, response: { 200: Page(TeacherSummary) } } },
    (req) => people.listTeachers(req.actor, req.query),
  );
  app.post(
    '/api/teachers',
    { schema: { tags, body: CreateTeacherBody, response: { 201: Person } } },
    async (req, reply) => reply.status(201).send(await people.createTeacher(req.actor, req.body)),
  );
  app.get(
    '/api/teachers/:id',
    {
      schema: {
        tags,
        params: IdParams,
        response: { 200: z.object({ person: Person, status: z.string(), bio: z.string().nullable() }) },
      },
    },
    (req) => people.getTeacher(req.actor, req.params.id),
  );
}
