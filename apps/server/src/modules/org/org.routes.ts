import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZCreateUnitRequest,
  ZCreateUserRequest,
  ZGrantRequest,
  ZUpdateUnitRequest,
  ZUpdateUserRequest,
  ZUserListQuery,
  ZUnitNode,
  ZUserView,
} from '@sagsgang/contracts';
import type { AppContext } from '../../platform/context.js';
import { requireStaff } from '../../platform/auth/guards.js';
import { STAFF_ROLES } from '../../platform/auth/principal.js';
import * as units from './units.service.js';
import * as users from './users.service.js';

const ZId = z.strictObject({ id: z.uuid() });
const ZCreated = z.object({ id: z.uuid() });
const meta = (request: FastifyRequest) => ({ requestId: request.id, ip: request.ip });

export function orgRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const db = ctx.database.db;
  return async (app) => {
    app.get(
      '/api/units',
      { schema: { tags: ['org'], summary: 'The unit tree (any staff member)', response: { 200: z.array(ZUnitNode) } } },
      async (request) => {
        requireStaff(request, STAFF_ROLES);
        return units.unitTree(db);
      },
    );
    app.post(
      '/api/units',
      {
        schema: {
          tags: ['org'],
          summary: 'Create a centre or team',
          body: ZCreateUnitRequest,
          response: { 201: ZCreated },
        },
      },
      async (request, reply) => {
        const id = await units.createUnit(db, requireStaff(request, ['admin']), request.body, meta(request));
        return reply.status(201).send({ id });
      },
    );
    app.patch(
      '/api/units/:id',
      {
        schema: {
          tags: ['org'],
          summary: 'Rename or move a unit',
          params: ZId,
          body: ZUpdateUnitRequest,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await units.updateUnit(db, requireStaff(request, ['admin']), request.params.id, request.body, meta(request));
        return reply.status(204).send(null);
      },
    );
    app.delete(
      '/api/units/:id',
      { schema: { tags: ['org'], summary: 'Delete an empty unit', params: ZId, response: { 204: z.null() } } },
      async (request, reply) => {
        await units.deleteUnit(db, requireStaff(request, ['admin']), request.params.id, meta(request));
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/users',
      {
        schema: {
          tags: ['org'],
          summary: 'Search the people you administer',
          querystring: ZUserListQuery,
          response: { 200: z.array(ZUserView) },
        },
      },
      async (request) => users.listUsers(db, requireStaff(request, ['admin']), request.query, meta(request)),
    );
    app.get(
      '/api/users/:id',
      { schema: { tags: ['org'], summary: 'One user with their roles', params: ZId, response: { 200: ZUserView } } },
      async (request) => users.getUser(db, requireStaff(request, ['admin']), request.params.id, meta(request)),
    );
    app.post(
      '/api/users',
      {
        schema: {
          tags: ['org'],
          summary: 'Create a staff user with roles',
          body: ZCreateUserRequest,
          response: { 201: ZCreated },
        },
      },
      async (request, reply) => {
        const id = await users.createUser(db, requireStaff(request, ['admin']), request.body, meta(request));
        return reply.status(201).send({ id });
      },
    );
    app.patch(
      '/api/users/:id',
      {
        schema: {
          tags: ['org'],
          summary: 'Change, deactivate or set the password of a user',
          params: ZId,
          body: ZUpdateUserRequest,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await users.updateUser(db, requireStaff(request, ['admin']), request.params.id, request.body, meta(request));
        return reply.status(204).send(null);
      },
    );
    app.post(
      '/api/users/:id/sign-in-lock/lift',
      {
        schema: {
          tags: ['org'],
          summary: "Lift a user's sign-in lock-out after too many attempts (audited)",
          params: ZId,
          response: { 200: z.object({ wasLocked: z.boolean() }) },
        },
      },
      async (request) => users.liftSignInLock(db, requireStaff(request, ['admin']), request.params.id, meta(request)),
    );
    app.post(
      '/api/users/:id/grants',
      {
        schema: {
          tags: ['org'],
          summary: 'Give a role on a unit',
          params: ZId,
          body: ZGrantRequest,
          response: { 201: ZCreated },
        },
      },
      async (request, reply) => {
        const id = await users.grantRole(
          db,
          requireStaff(request, ['admin']),
          request.params.id,
          request.body,
          meta(request),
        );
        return reply.status(201).send({ id });
      },
    );
    app.delete(
      '/api/users/:id/grants/:grantId',
      {
        schema: {
          tags: ['org'],
          summary: 'Remove a role',
          params: z.strictObject({ id: z.uuid(), grantId: z.uuid() }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await users.revokeRole(
          db,
          requireStaff(request, ['admin']),
          request.params.id,
          request.params.grantId,
          meta(request),
        );
        return reply.status(204).send(null);
      },
    );
  };
}
