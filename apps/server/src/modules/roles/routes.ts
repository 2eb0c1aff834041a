import { z } from 'zod';
import {
  assignmentParamsSchema,
  assignRoleRequestSchema,
  roleAssignmentSchema,
  roleCodeParamsSchema,
  roleListSchema,
  roleSchema,
  setRoleTwoFactorRequestSchema,
  userIdParamsSchema,
} from '#core/wire/users.ts';
import { actorOf, clientIp } from '../../platform/http.ts';
import type { AreaRoutes } from '../index.ts';
import './messages.ts';
import * as service from './service.ts';

const tags = ['roles'];

export const rolesRoutes: AreaRoutes = async (app, ctx) => {
  app.get(
    '/api/v1/roles',
    {
      schema: {
        operationId: 'listRoles',
        tags,
        summary: 'The role catalogue: names in kk/ru/en, permissions, scope types, two-factor requirement',
        response: { 200: roleListSchema },
      },
    },
    async (req) => service.listRoles(ctx.db, actorOf(req)),
  );

  app.post(
    '/api/v1/users/:id/roles',
    {
      schema: {
        operationId: 'assignRole',
        tags,
        summary: 'Grant a role with a scope (never one with permissions the caller lacks)',
        params: userIdParamsSchema,
        body: assignRoleRequestSchema,
        response: { 201: roleAssignmentSchema },
      },
    },
    async (req, reply) => {
      const a = await service.assignRole(ctx.db, actorOf(req), req.params.id, req.body, {
        ip: clientIp(req),
      });
      return reply.status(201).send(a);
    },
  );

  app.delete(
    '/api/v1/users/:id/roles/:assignmentId',
    {
      schema: {
        operationId: 'revokeRole',
        tags,
        summary: 'Take back a role assignment',
        params: assignmentParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await service.revokeRole(ctx.db, actorOf(req), req.params.id, req.params.assignmentId, {
        ip: clientIp(req),
      });
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/api/v1/roles/:code/two-factor',
    {
      schema: {
        operationId: 'setRoleTwoFactor',
        tags,
        summary: 'Require (or stop requiring) two-factor sign-in for everyone holding a role',
        params: roleCodeParamsSchema,
        body: setRoleTwoFactorRequestSchema,
        response: { 200: roleSchema },
      },
    },
    async (req) =>
      service.setRoleTwoFactor(ctx.db, actorOf(req), req.params.code, req.body.required, {
        ip: clientIp(req),
      }),
  );
};
