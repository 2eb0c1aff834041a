import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { CourseContent } from '#core/wire/content.ts';
import {
  contentAnnouncements,
  contentDownloads,
  contentMaterials,
  contentProgress,
  contentSections,
  contentTermsAcceptances,
  contentVisits,
  contentWatermarkedCopies,
  enrolments,
  files,
  users,
} from '../../db/schema/index.ts';
import { audit } from '../../platform/audit.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { notify } from '../../platform/notifications.ts';
import type { Actor } from '../../platform/policy.ts';
import { type LinkedAssignment, linkedAssignments } from '../assignments/links.ts';
import { materialOfOffering, type OfferingAccess, offeringAccess, today } from './access.ts';
import type { Caller } from './materials.ts';
import { latestVersions, type VersionRow, versionsById } from './queries.ts';
import { sanitizeRichText } from './sanitize.ts';
import { watermarkPdf, watermarkText } from './watermark.ts';

const LANGS = ['kk', 'ru', 'en'] as const;
type Lang = (typeof LANGS)[number];
type LangBody = {
  title: string;
  html?: string;
  url?: string;
  fileId?: string;
  toc?: Array<{ title: string; page: number }>;
};

/** The learner's language first, then Kazakh, Russian, English. */
export function languageOrder(preferred: string | undefined): Lang[] {
  const first = LANGS.find((l) => l === preferred);
  return first ? [first, ...LANGS.filter((l) => l !== first)] : [...LANGS];
}

function pick(
  body: unknown,
  order: Lang[],
  need?: (b: LangBody) => boolean,
): { lang: Lang; b: LangBody } | null {
  const all = body as Partial<Record<Lang, LangBody>>;
  for (const lang of order) {
    const b = all[lang];
    if (b && (!need || need(b))) return { lang, b };
  }
  return null;
}

/** The version a reader gets: learners the approved one, editors and reviewers the latest. */
async function shownVersions(
  access: OfferingAccess,
  mats: Array<typeof contentMaterials.$inferSelect>,
  db: Caller['ctx']['db'],
) {
  if (access.seesDrafts)
    return latestVersions(
      db,
      mats.map((m) => m.id),
    );
  const byId = await versionsById(
    db,
    mats.map((m) => m.approvedVersionId).filter((v): v is string => Boolean(v)),
  );
  return new Map(mats.filter((m) => m.approvedVersionId).map((m) => [m.id, byId.get(m.approvedVersionId!)!]));
}

export async function getCourseContent(
  { ctx, actor }: Omit<Caller, 'ip'>,
  offeringId: string,
  lang?: Lang,
): Promise<CourseContent> {
  return ctx.db.transaction(async (tx) => {
    const access = await offeringAccess(tx, actor, offeringId, today(ctx.clock));
    const order = languageOrder(lang ?? actor.preferredLanguage);
    const sections = await tx
      .select()
      .from(contentSections)
      .where(
        and(
          eq(contentSections.disciplineId, access.discipline.id),
          or(isNull(contentSections.offeringId), eq(contentSections.offeringId, offeringId)),
        ),
      )
      .orderBy(asc(contentSections.position), asc(contentSections.createdAt));
    const mats = sections.length
      ? await tx
          .select()
          .from(contentMaterials)
          .where(
            inArray(
              contentMaterials.sectionId,
              sections.map((s) => s.id),
            ),
          )
          .orderBy(asc(contentMaterials.position), asc(contentMaterials.createdAt))
      : [];
    const shown = await shownVersions(access, mats, tx);
    const progress = await tx
      .select()
      .from(contentProgress)
      .where(and(eq(contentProgress.userId, actor.userId), eq(contentProgress.offeringId, offeringId)));
    const views =
      access.as === 'staff'
        ? await tx
            .select({
              materialId: contentProgress.materialId,
              learners: sql<number>`count(*)::int`,
              total: sql<number>`sum(${contentProgress.views})::int`,
            })
            .from(contentProgress)
            .where(eq(contentProgress.offeringId, offeringId))
            .groupBy(contentProgress.materialId)
        : [];
    const [visit] = await tx
      .select()
      .from(contentVisits)
      .where(and(eq(contentVisits.userId, actor.userId), eq(contentVisits.offeringId, offeringId)));
    // "New" is measured from the visit before this one, so it survives a reload of the page.
    const now = new Date();
    const since = visit
      ? now.getTime() - visit.lastVisitAt.getTime() < 30 * 60_000
        ? visit.previousVisitAt
        : visit.lastVisitAt
      : null;
    if (visit) {
      if (since === visit.lastVisitAt) {
        await tx
          .update(contentVisits)
          .set({ previousVisitAt: visit.lastVisitAt, lastVisitAt: now })
          .where(and(eq(contentVisits.userId, actor.userId), eq(contentVisits.offeringId, offeringId)));
      } else {
        await tx
          .update(contentVisits)
          .set({ lastVisitAt: now })
          .where(and(eq(contentVisits.userId, actor.userId), eq(contentVisits.offeringId, offeringId)));
      }
    } else {
      await tx
        .insert(contentVisits)
        .values({ userId: actor.userId, offeringId, lastVisitAt: now, previousVisitAt: null });
    }
    const [terms] = await tx
      .select()
      .from(contentTermsAcceptances)
      .where(
        and(
          eq(contentTermsAcceptances.userId, actor.userId),
          eq(contentTermsAcceptances.offeringId, offeringId),
        ),
      );
    const announcements = await tx
      .select()
      .from(contentAnnouncements)
      .where(eq(contentAnnouncements.offeringId, offeringId))
      .orderBy(desc(contentAnnouncements.createdAt))
      .limit(20);
    const fileIds = [...shown.values()]
      .map((v) => pick(v.body, order)?.b.fileId)
      .filter((id): id is string => Boolean(id));
    const fileTypes = new Map(
      fileIds.length
        ? (
            await tx
              .select({ id: files.id, contentType: files.contentType })
              .from(files)
              .where(inArray(files.id, fileIds))
          ).map((f) => [f.id, f.contentType])
        : [],
    );
    // Each assignment placeholder shows the offering's assignment that fills it.
    const linked = mats.some((m) => m.kind === 'assignment')
      ? await linkedAssignments(tx, actor, offeringId, ctx.clock.now())
      : new Map<string, LinkedAssignment>();
    const outSections = sections.map((s) => ({
      id: s.id,
      kind: s.kind as 'week',
      title:
        pick(
          Object.fromEntries(
            Object.entries(s.title as Record<string, string>).map(([k, v]) => [k, { title: v }]),
          ),
          order,
        )?.b.title ?? '',
      offeringOnly: s.offeringId !== null,
      materials: mats
        .filter((m) => m.sectionId === s.id && shown.has(m.id))
        .map((m) => {
          const v = shown.get(m.id)!;
          const chosen = pick(v.body, order)!;
          const p = progress.find((x) => x.materialId === m.id);
          const vw = views.find((x) => x.materialId === m.id);
          const changedAt = m.lastApprovedAt ?? v.updatedAt;
          return {
            id: m.id,
            kind: m.kind as 'page',
            position: m.position,
            language: chosen.lang,
            languages: LANGS.filter((l) => (v.body as Record<string, unknown>)[l]),
            title: chosen.b.title,
            ...(chosen.b.html !== undefined ? { html: chosen.b.html } : {}),
            ...(chosen.b.url !== undefined ? { url: chosen.b.url } : {}),
            hasFile: Boolean(chosen.b.fileId),
            ...(chosen.b.fileId && fileTypes.has(chosen.b.fileId)
              ? { fileType: fileTypes.get(chosen.b.fileId)! }
              : {}),
            ...(chosen.b.toc ? { toc: chosen.b.toc } : {}),
            lastApprovedAt: m.lastApprovedAt?.toISOString() ?? null,
            isNew: access.as === 'learner' && (since === null ? true : changedAt > since),
            opened: Boolean(p),
            done: Boolean(p?.doneAt),
            ...(access.as === 'staff'
              ? { views: { learners: vw?.learners ?? 0, total: vw?.total ?? 0 }, status: v.status as 'draft' }
              : {}),
            ...(linked.has(m.id) ? { assignment: linked.get(m.id)! } : {}),
          };
        }),
    }));
    const all = outSections.flatMap((s) => s.materials);
    const d = access.discipline;
    return {
      offeringId,
      offeringCode: access.offering.code,
      disciplineId: d.id,
      disciplineName: { kk: d.nameKk, ru: d.nameRu, en: d.nameEn },
      as: access.as,
      canEdit: access.canEdit,
      readOnly: access.ended,
      termsAccepted: Boolean(terms),
      lastVisitAt: since?.toISOString() ?? null,
      progress: {
        total: all.length,
        opened: all.filter((m) => m.opened).length,
        done: all.filter((m) => m.done).length,
      },
      sections: outSections,
      announcements: announcements.map((a) => ({
        id: a.id,
        title: a.title,
        body: a.body,
        authorId: a.authorId,
        createdAt: a.createdAt.toISOString(),
      })),
    };
  });
}

async function recordOpen(
  tx: Parameters<Parameters<Caller['ctx']['db']['transaction']>[0]>[0],
  actor: Actor,
  offeringId: string,
  materialId: string,
  done?: boolean,
) {
  const now = new Date();
  await tx
    .insert(contentProgress)
    .values({
      userId: actor.userId,
      offeringId,
      materialId,
      firstOpenedAt: now,
      lastOpenedAt: now,
      views: done === undefined ? 1 : 0,
      doneAt: done ? now : null,
    })
    .onConflictDoUpdate({
      target: [contentProgress.userId, contentProgress.offeringId, contentProgress.materialId],
      set:
        done === undefined
          ? { lastOpenedAt: now, views: sql`${contentProgress.views} + 1` }
          : { doneAt: done ? sql`coalesce(${contentProgress.doneAt}, now())` : null },
    });
}

/** One material of the course page; a learner's opening counts as a view. */
export async function openMaterial(
  { ctx, actor }: Omit<Caller, 'ip'>,
  offeringId: string,
  materialId: string,
  lang?: Lang,
) {
  return ctx.db
    .transaction(async (tx) => {
      const access = await offeringAccess(tx, actor, offeringId, today(ctx.clock));
      const m = await materialOfOffering(tx, access, materialId);
      if (access.as === 'learner') await recordOpen(tx, actor, offeringId, materialId);
      return m;
    })
    .then(async () => {
      const page = await getCourseContent({ ctx, actor }, offeringId, lang);
      const item = page.sections.flatMap((s) => s.materials).find((x) => x.id === materialId);
      if (!item) throw notFound();
      return item;
    });
}

export async function markItemDone(
  { ctx, actor, ip }: Caller,
  offeringId: string,
  materialId: string,
  done: boolean,
) {
  return ctx.db.transaction(async (tx) => {
    const access = await offeringAccess(tx, actor, offeringId, today(ctx.clock));
    await materialOfOffering(tx, access, materialId);
    if (access.as !== 'learner') throw forbidden();
    await recordOpen(tx, actor, offeringId, materialId, done);
    void ip;
    return { opened: true, done };
  });
}

export async function acceptMaterialTerms({ ctx, actor, ip }: Caller, offeringId: string) {
  return ctx.db.transaction(async (tx) => {
    const access = await offeringAccess(tx, actor, offeringId, today(ctx.clock));
    if (access.as !== 'learner') throw forbidden();
    const inserted = await tx
      .insert(contentTermsAcceptances)
      .values({ userId: actor.userId, offeringId })
      .onConflictDoNothing()
      .returning();
    if (inserted.length) {
      await audit(tx, {
        actorId: actor.userId,
        action: 'content.terms.accept',
        subjectType: 'offering',
        subjectId: offeringId,
        ip,
      });
    }
    const [row] = await tx
      .select()
      .from(contentTermsAcceptances)
      .where(
        and(
          eq(contentTermsAcceptances.userId, actor.userId),
          eq(contentTermsAcceptances.offeringId, offeringId),
        ),
      );
    return { acceptedAt: row!.acceptedAt.toISOString() };
  });
}

export type Download = { fileId: string; name: string; contentType: string; size: number };

/**
 * Authorizes one download and logs it. A learner must be enrolled (403), the material
 * approved (404 otherwise) and the terms accepted (422); a PDF is served as the learner's
 * own watermarked copy, made once per learner and version and kept.
 */
export async function prepareDownload(
  { ctx, actor }: Omit<Caller, 'ip'>,
  offeringId: string,
  materialId: string,
  lang: Lang | undefined,
  range: string | null,
): Promise<Download> {
  const plan = await ctx.db.transaction(async (tx) => {
    const access = await offeringAccess(tx, actor, offeringId, today(ctx.clock));
    const m = await materialOfOffering(tx, access, materialId);
    const shown = await shownVersions(access, [m], tx);
    const v: VersionRow | undefined = shown.get(m.id);
    if (!v) throw notFound();
    const chosen = pick(v.body, languageOrder(lang ?? actor.preferredLanguage), (b) => Boolean(b.fileId));
    if (!chosen) throw new AppError(404, 'not-found', 'content.fileMissing');
    if (access.as === 'learner') {
      const [terms] = await tx
        .select()
        .from(contentTermsAcceptances)
        .where(
          and(
            eq(contentTermsAcceptances.userId, actor.userId),
            eq(contentTermsAcceptances.offeringId, offeringId),
          ),
        );
      if (!terms) throw new AppError(422, 'terms-not-accepted', 'content.termsNotAccepted');
    }
    const [f] = await tx.select().from(files).where(eq(files.id, chosen.b.fileId!));
    if (!f) throw notFound();
    return { access, v, f };
  });
  const { access, v, f } = plan;
  let served = f;
  let watermarked = false;
  if (access.as === 'learner' && f.contentType === 'application/pdf') {
    watermarked = true;
    const [copy] = await ctx.db
      .select({ f: files })
      .from(contentWatermarkedCopies)
      .innerJoin(files, eq(files.id, contentWatermarkedCopies.fileId))
      .where(
        and(
          eq(contentWatermarkedCopies.userId, actor.userId),
          eq(contentWatermarkedCopies.versionId, v.id),
          eq(contentWatermarkedCopies.sourceFileId, f.id),
        ),
      );
    if (copy) served = copy.f;
    else {
      const source = await ctx.files.get(f.id);
      if (!source) throw notFound();
      const chunks: Buffer[] = [];
      for await (const c of source.stream) chunks.push(c as Buffer);
      const [u] = await ctx.db.select().from(users).where(eq(users.id, actor.userId));
      const name = [u!.surname, u!.givenName, u!.patronymic].filter(Boolean).join(' ');
      const bytes = await watermarkPdf(
        Buffer.concat(chunks),
        watermarkText({ name, id: u!.recordBookNo ?? u!.login }, new Date()),
      );
      const stored = await ctx.files.put(Buffer.from(bytes), {
        name: f.name,
        contentType: 'application/pdf',
        createdBy: actor.userId,
      });
      const kept = await ctx.db
        .insert(contentWatermarkedCopies)
        .values({ userId: actor.userId, versionId: v.id, sourceFileId: f.id, fileId: stored.id })
        .onConflictDoNothing()
        .returning();
      if (kept.length) served = stored;
      else {
        // Another request made the copy at the same time: keep theirs.
        await ctx.files.delete(stored.id);
        const [theirs] = await ctx.db
          .select({ f: files })
          .from(contentWatermarkedCopies)
          .innerJoin(files, eq(files.id, contentWatermarkedCopies.fileId))
          .where(
            and(
              eq(contentWatermarkedCopies.userId, actor.userId),
              eq(contentWatermarkedCopies.versionId, v.id),
              eq(contentWatermarkedCopies.sourceFileId, f.id),
            ),
          );
        served = theirs!.f;
      }
    }
  }
  await ctx.db.insert(contentDownloads).values({
    userId: actor.userId,
    offeringId,
    materialId,
    versionId: v.id,
    fileId: served.id,
    watermarked,
    range,
  });
  return { fileId: served.id, name: served.name, contentType: served.contentType, size: served.size };
}

export async function createAnnouncement(
  { ctx, actor, ip }: Caller,
  offeringId: string,
  input: { title: string; body: string },
) {
  return ctx.db.transaction(async (tx) => {
    const access = await offeringAccess(tx, actor, offeringId, today(ctx.clock));
    if (!access.canEdit) throw forbidden();
    if (access.ended)
      throw new AppError(409, 'offering-ended', 'content.offeringEnded', {
        params: { endsOn: access.endsOn },
      });
    const [a] = await tx
      .insert(contentAnnouncements)
      .values({ offeringId, authorId: actor.userId, title: input.title, body: sanitizeRichText(input.body) })
      .returning();
    const learners = await tx
      .select({ userId: enrolments.userId })
      .from(enrolments)
      .where(and(eq(enrolments.offeringId, offeringId), eq(enrolments.status, 'active')));
    const d = access.discipline;
    await notify(
      tx,
      learners.map((l) => ({
        userId: l.userId,
        kind: 'content.announcement',
        params: { course: { kk: d.nameKk, ru: d.nameRu, en: d.nameEn }, title: input.title },
        link: `/courses/${offeringId}`,
      })),
    );
    await audit(tx, {
      actorId: actor.userId,
      action: 'content.announcement.create',
      subjectType: 'offering',
      subjectId: offeringId,
      ip,
      data: { announcementId: a!.id },
    });
    return {
      id: a!.id,
      title: a!.title,
      body: a!.body,
      authorId: a!.authorId,
      createdAt: a!.createdAt.toISOString(),
    };
  });
}
