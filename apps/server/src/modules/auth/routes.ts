import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  activateAccountRequestSchema,
  apiTokenListSchema,
  changePasswordRequestSchema,
  confirmEmailChangeRequestSchema,
  createApiTokenRequestSchema,
  createdApiTokenSchema,
  idParamsSchema,
  loginRequestSchema,
  mySessionListSchema,
  passwordResetRequestSchema,
  resetPasswordRequestSchema,
  sessionAnswerSchema,
  sessionHandleParamsSchema,
  totpConfirmAnswerSchema,
  totpConfirmRequestSchema,
  totpDisableRequestSchema,
  totpSetupAnswerSchema,
  updateMeRequestSchema,
} from '#core/wire/auth.ts';
import type { AppContext } from '../../platform/context.ts';
import { actorOf, clientIp, SESSION_COOKIE } from '../../platform/http.ts';
import type { AreaRoutes } from '../index.ts';
import './messages.ts';
import * as security from './security.ts';
import * as service from './service.ts';

const noContent = z.null().describe('No content');
const meta = (req: FastifyRequest): service.RequestMeta => ({
  ip: clientIp(req),
  userAgent: req.headers['user-agent'] ?? null,
});

function setSessionCookie(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, value: string) {
  reply.setCookie(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: req.protocol === 'https',
    // Lives as long as the session may; the server still ends it when idle.
    maxAge: ctx.config.sessionMaxHours * 3600,
  });
}

export const authRoutes: AreaRoutes = async (app, ctx) => {
  app.post(
    '/api/v1/auth/login',
    {
      config: { auth: 'public' },
      schema: {
        operationId: 'login',
        tags: ['auth'],
        summary:
          'Sign in with login and password (and the two-factor code when it is on); sets the session cookie.',
        security: [],
        body: loginRequestSchema,
        response: { 200: sessionAnswerSchema },
      },
    },
    async (req, reply) => {
      const signed = await service.login(ctx, req.body, meta(req));
      setSessionCookie(ctx, req, reply, signed.cookieValue);
      return signed.answer;
    },
  );

  app.post(
    '/api/v1/auth/activate',
    {
      config: { auth: 'public' },
      schema: {
        operationId: 'activateAccount',
        tags: ['auth'],
        summary: 'First sign-in of an imported account: the one-time activation code sets the password.',
        security: [],
        body: activateAccountRequestSchema,
        response: { 200: sessionAnswerSchema },
      },
    },
    async (req, reply) => {
      const signed = await service.activateAccount(ctx, req.body, meta(req));
      setSessionCookie(ctx, req, reply, signed.cookieValue);
      return signed.answer;
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { allowPending: true },
      schema: {
        operationId: 'logout',
        tags: ['auth'],
        summary: 'Ends this session and clears its cookie.',
        response: { 204: noContent },
      },
    },
    async (req, reply) => {
      await service.logout(ctx, actorOf(req), clientIp(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/me',
    {
      config: { allowPending: true },
      schema: {
        operationId: 'getMe',
        tags: ['auth'],
        summary: 'The signed-in user with roles, and the CSRF token of this session.',
        response: { 200: sessionAnswerSchema },
      },
    },
    async (req) => service.getMe(ctx, actorOf(req)),
  );

  app.patch(
    '/api/v1/me',
    {
      config: { allowPending: true },
      schema: {
        operationId: 'updateMe',
        tags: ['auth'],
        summary:
          'Changes one’s own interface language or phone; a new e-mail address is mailed a confirmation link and stays pending until confirmEmailChange.',
        body: updateMeRequestSchema,
        response: { 200: sessionAnswerSchema },
      },
    },
    async (req) => service.updateMe(ctx, actorOf(req), req.body, clientIp(req)),
  );

  app.post(
    '/api/v1/auth/password',
    {
      config: { allowPending: true },
      schema: {
        operationId: 'changePassword',
        tags: ['auth'],
        summary: 'Changes one’s password; ends the other sessions.',
        body: changePasswordRequestSchema,
        response: { 204: noContent },
      },
    },
    async (req, reply) => {
      await service.changePassword(ctx, actorOf(req), req.body, clientIp(req));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/password-reset/request',
    {
      config: { auth: 'public' },
      schema: {
        operationId: 'requestPasswordReset',
        tags: ['auth'],
        summary: 'E-mails a one-hour reset link when an account matches; always 202.',
        security: [],
        body: passwordResetRequestSchema,
        response: { 202: noContent },
      },
    },
    async (req, reply) => {
      await service.requestPasswordReset(ctx, req.body, clientIp(req));
      return reply.status(202).send(null);
    },
  );

  app.post(
    '/api/v1/auth/password-reset/confirm',
    {
      config: { auth: 'public' },
      schema: {
        operationId: 'resetPassword',
        tags: ['auth'],
        summary: 'Sets a new password with the e-mailed token; ends every session of the user.',
        security: [],
        body: resetPasswordRequestSchema,
        response: { 204: noContent },
      },
    },
    async (req, reply) => {
      await service.resetPassword(ctx, req.body, clientIp(req));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/me/email/confirm',
    {
      config: { auth: 'public' },
      schema: {
        operationId: 'confirmEmailChange',
        tags: ['auth'],
        summary:
          'Puts a new e-mail address in force with the token mailed to it (valid 24 hours, once); updateMe only asks for the change.',
        security: [],
        body: confirmEmailChangeRequestSchema,
        response: { 204: noContent },
      },
    },
    async (req, reply) => {
      await service.confirmEmailChange(ctx, req.body, clientIp(req));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/totp/setup',
    {
      config: { allowPending: true },
      schema: {
        operationId: 'setupTotp',
        tags: ['auth'],
        summary: 'Starts two-factor enrolment: a new secret and its QR code (not in force until confirmed).',
        response: { 200: totpSetupAnswerSchema },
      },
    },
    async (req) => security.setupTotp(ctx, actorOf(req)),
  );

  app.post(
    '/api/v1/auth/totp/confirm',
    {
      config: { allowPending: true },
      schema: {
        operationId: 'confirmTotp',
        tags: ['auth'],
        summary: 'Turns two-factor sign-in on with a code from the app; returns the recovery codes once.',
        body: totpConfirmRequestSchema,
        response: { 200: totpConfirmAnswerSchema },
      },
    },
    async (req) => security.confirmTotp(ctx, actorOf(req), req.body.code, clientIp(req)),
  );

  app.post(
    '/api/v1/auth/totp/disable',
    {
      schema: {
        operationId: 'disableTotp',
        tags: ['auth'],
        summary: 'Turns two-factor sign-in off (password and a code); refused when a role requires it.',
        body: totpDisableRequestSchema,
        response: { 204: noContent },
      },
    },
    async (req, reply) => {
      await security.disableTotp(ctx, actorOf(req), req.body, clientIp(req));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/me/tokens',
    {
      schema: {
        operationId: 'createApiToken',
        tags: ['auth'],
        summary: 'Creates a personal API token limited to permissions one holds; the secret is shown once.',
        body: createApiTokenRequestSchema,
        response: { 201: createdApiTokenSchema },
      },
    },
    async (req, reply) => {
      const created = await security.createApiToken(ctx, actorOf(req), req.body, clientIp(req));
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/v1/me/tokens',
    {
      schema: {
        operationId: 'listApiTokens',
        tags: ['auth'],
        summary: 'One’s personal API tokens that are not revoked (never their secrets).',
        response: { 200: apiTokenListSchema },
      },
    },
    async (req) => ({ items: await security.listApiTokens(ctx, actorOf(req)) }),
  );

  app.delete(
    '/api/v1/me/tokens/:id',
    {
      schema: {
        operationId: 'revokeApiToken',
        tags: ['auth'],
        summary: 'Revokes one of one’s own API tokens.',
        params: idParamsSchema,
        response: { 204: noContent },
      },
    },
    async (req, reply) => {
      await security.revokeApiToken(ctx, actorOf(req), req.params.id, clientIp(req));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/me/sessions',
    {
      schema: {
        operationId: 'listMySessions',
        tags: ['auth'],
        summary: 'One’s live sessions (devices), the current one marked.',
        response: { 200: mySessionListSchema },
      },
    },
    async (req) => ({ items: await security.listMySessions(ctx, actorOf(req)) }),
  );

  app.delete(
    '/api/v1/me/sessions/:handle',
    {
      schema: {
        operationId: 'endMySession',
        tags: ['auth'],
        summary:
          'Ends one of one’s other sessions (a device left signed in); sign out to end the current one.',
        params: sessionHandleParamsSchema,
        response: { 204: noContent },
      },
    },
    async (req, reply) => {
      await security.endMySession(ctx, actorOf(req), req.params.handle, clientIp(req));
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/api/v1/users/:id/sessions',
    {
      schema: {
        operationId: 'endUserSessions',
        tags: ['auth'],
        summary: 'Signs a user out of every session (needs users.endSessions); API tokens stay.',
        params: idParamsSchema,
        response: { 204: noContent },
      },
    },
    async (req, reply) => {
      await security.endUserSessions(ctx, actorOf(req), req.params.id, clientIp(req));
      return reply.status(204).send(null);
    },
  );
};
