import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorFromSession, actorFromToken } from '../modules/auth/actor-store.ts';
import type { AppContext } from './context.ts';
import { AppError, unauthenticated } from './errors.ts';
import type { Actor } from './policy.ts';

export const SESSION_COOKIE = 'sid';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** 'public' routes need no sign-in; every other route needs an actor. */
    auth?: 'public';
    /** Reachable while a password change or two-factor setup is pending. */
    allowPending?: boolean;
  }
}

/** The actor of a request that passed the authentication hook (every non-public route). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthenticated();
  return req.actor;
}

async function resolveActor(ctx: AppContext, req: FastifyRequest): Promise<Actor | null> {
  const authz = req.headers.authorization;
  if (authz?.startsWith('Bearer ')) {
    const actor = await actorFromToken(ctx.db, authz.slice(7).trim());
    if (!actor) throw unauthenticated();
    return actor;
  }
  const cookie = req.cookies[SESSION_COOKIE];
  if (!cookie) return null;
  return actorFromSession(ctx.db, cookie, {
    idleMinutes: ctx.config.sessionIdleMinutes,
    maxHours: ctx.config.sessionMaxHours,
  });
}

/**
 * Authentication runs in onRequest, before the body is parsed or validated: an anonymous
 * call to a protected operation is 401 whatever it sends, and a cookie-authenticated
 * unsafe request without its CSRF token is 403.
 */
export function registerAuthentication(app: FastifyInstance, ctx: AppContext) {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    // The web app's files and the API documentation pages are public.
    if (!req.url.startsWith('/api/') || req.url.startsWith('/api/docs')) return;
    const routeConfig = req.routeOptions.config;
    req.actor = await resolveActor(ctx, req);
    if (routeConfig.auth === 'public') return;
    if (!req.actor) throw unauthenticated();
    if (req.actor.via === 'session' && !SAFE_METHODS.has(req.method)) {
      if (req.headers['x-csrf-token'] !== req.actor.csrfToken) throw new AppError(403, 'csrf', 'error.csrf');
    }
    if (!routeConfig.allowPending) {
      if (req.actor.mustChangePassword) {
        throw new AppError(403, 'password-change-required', 'error.passwordChangeRequired');
      }
      if (req.actor.mustSetupTwoFactor) {
        throw new AppError(403, 'two-factor-setup-required', 'error.twoFactorSetupRequired');
      }
    }
    void reply;
  });
}

/** The client's address (honours X-Forwarded-For only when TRUST_PROXY is set). */
export function clientIp(req: FastifyRequest): string {
  return req.ip;
}
