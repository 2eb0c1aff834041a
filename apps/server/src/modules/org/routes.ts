import { z } from 'zod';
import {
  addGroupMembersAnswerSchema,
  addGroupMembersRequestSchema,
  createGroupRequestSchema,
  createOrgUnitRequestSchema,
  groupDetailSchema,
  groupListQuerySchema,
  groupListSchema,
  groupSchema,
  idParamsSchema,
  memberParamsSchema,
  orgUnitListQuerySchema,
  orgUnitListSchema,
  orgUnitSchema,
  updateGroupRequestSchema,
  updateOrgUnitRequestSchema,
} from '#core/wire/org.ts';
import { actorOf, clientIp } from '../../platform/http.ts';
import type { AreaRoutes } from '../index.ts';
import { etag, expectedVersion } from './db-errors.ts';
import * as groupsService from './groups.ts';
import './messages.ts';
import * as service from './service.ts';

const orgTags = ['organization'];
const groupTags = ['groups'];

export const orgRoutes: AreaRoutes = async (app, ctx) => {
  app.get(
    '/api/v1/org-units',
    {
      schema: {
        operationId: 'listOrgUnits',
        tags: orgTags,
        summary: 'The organization tree, flat (with parentId) or nested',
        querystring: orgUnitListQuerySchema,
        response: { 200: orgUnitListSchema },
      },
    },
    async (req) => service.listOrgUnits(ctx.db, actorOf(req), req.query.shape),
  );

  app.post(
    '/api/v1/org-units',
    {
      schema: {
        operationId: 'createOrgUnit',
        tags: orgTags,
        summary: 'Add a unit to the organization tree',
        body: createOrgUnitRequestSchema,
        response: { 201: orgUnitSchema },
      },
    },
    async (req, reply) => {
      const unit = await service.createOrgUnit(ctx.db, actorOf(req), req.body, { ip: clientIp(req) });
      return reply.status(201).header('etag', etag(unit.version)).send(unit);
    },
  );

  app.patch(
    '/api/v1/org-units/:id',
    {
      schema: {
        operationId: 'updateOrgUnit',
        tags: orgTags,
        summary: 'Rename or move a unit (If-Match or version required)',
        params: idParamsSchema,
        body: updateOrgUnitRequestSchema,
        response: { 200: orgUnitSchema },
      },
    },
    async (req, reply) => {
      const unit = await service.updateOrgUnit(
        ctx.db,
        actorOf(req),
        req.params.id,
        req.body,
        expectedVersion(req.headers['if-match'], req.body.version),
        { ip: clientIp(req) },
      );
      return reply.header('etag', etag(unit.version)).send(unit);
    },
  );

  app.delete(
    '/api/v1/org-units/:id',
    {
      schema: {
        operationId: 'deleteOrgUnit',
        tags: orgTags,
        summary: 'Delete an empty unit',
        params: idParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await service.deleteOrgUnit(ctx.db, actorOf(req), req.params.id, { ip: clientIp(req) });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/groups',
    {
      schema: {
        operationId: 'listGroups',
        tags: groupTags,
        summary: 'Groups the caller may see',
        querystring: groupListQuerySchema,
        response: { 200: groupListSchema },
      },
    },
    async (req) => groupsService.listGroups(ctx.db, actorOf(req), req.query),
  );

  app.post(
    '/api/v1/groups',
    {
      schema: {
        operationId: 'createGroup',
        tags: groupTags,
        summary: 'Create a cohort, academic group or subgroup',
        body: createGroupRequestSchema,
        response: { 201: groupSchema },
      },
    },
    async (req, reply) => {
      const group = await groupsService.createGroup(ctx.db, actorOf(req), req.body, { ip: clientIp(req) });
      return reply.status(201).header('etag', etag(group.version)).send(group);
    },
  );

  app.get(
    '/api/v1/groups/:id',
    {
      schema: {
        operationId: 'getGroup',
        tags: groupTags,
        summary: 'A group with its members (Kazakh alphabetical order) and subgroups',
        params: idParamsSchema,
        response: { 200: groupDetailSchema },
      },
    },
    async (req, reply) => {
      const group = await groupsService.getGroup(ctx.db, actorOf(req), req.params.id);
      return reply.header('etag', etag(group.version)).send(group);
    },
  );

  app.patch(
    '/api/v1/groups/:id',
    {
      schema: {
        operationId: 'updateGroup',
        tags: groupTags,
        summary: 'Rename, re-kind or move a group (If-Match or version required)',
        params: idParamsSchema,
        body: updateGroupRequestSchema,
        response: { 200: groupSchema },
      },
    },
    async (req, reply) => {
      const group = await groupsService.updateGroup(
        ctx.db,
        actorOf(req),
        req.params.id,
        req.body,
        expectedVersion(req.headers['if-match'], req.body.version),
        { ip: clientIp(req) },
      );
      return reply.header('etag', etag(group.version)).send(group);
    },
  );

  app.delete(
    '/api/v1/groups/:id',
    {
      schema: {
        operationId: 'deleteGroup',
        tags: groupTags,
        summary: 'Delete a group without subgroups',
        params: idParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await groupsService.deleteGroup(ctx.db, actorOf(req), req.params.id, { ip: clientIp(req) });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/groups/:id/members',
    {
      schema: {
        operationId: 'addGroupMembers',
        tags: groupTags,
        summary: 'Add users to a group (already-members are skipped)',
        params: idParamsSchema,
        body: addGroupMembersRequestSchema,
        response: { 200: addGroupMembersAnswerSchema },
      },
    },
    async (req) =>
      groupsService.addGroupMembers(ctx.db, actorOf(req), req.params.id, req.body.userIds, {
        ip: clientIp(req),
      }),
  );

  app.delete(
    '/api/v1/groups/:id/members/:userId',
    {
      schema: {
        operationId: 'removeGroupMember',
        tags: groupTags,
        summary: 'Remove a user from a group',
        params: memberParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await groupsService.removeGroupMember(ctx.db, actorOf(req), req.params.id, req.params.userId, {
        ip: clientIp(req),
      });
      return reply.status(204).send(null);
    },
  );
};
