import type { Notifier } from '@bakylau/platform/notifications/notification-dispatcher';
import type { RequestContext } from '@bakylau/platform/service-runtime';
import { createReceptionLoaders, type ReceptionLoaders } from './loaders/reception-loaders.ts';
import { createAppointmentBooking } from './use-cases/appointment-booking.ts';
import { createReceptionDirectory } from './use-cases/reception-directory.ts';
import { createReceptionQueries } from './use-cases/reception-queries.ts';
import { createSessionPublishing } from './use-cases/session-publishing.ts';
import { createVisitRecording } from './use-cases/visit-recording.ts';

function createReceptionUseCases(ctx: RequestContext & { loaders: ReceptionLoaders; notifier: Notifier }) {
  return {
    ...createReceptionQueries(ctx),
    ...createReceptionDirectory(ctx),
    ...createSessionPublishing(ctx),
    ...createAppointmentBooking(ctx),
    ...createVisitRecording(ctx),
  };
}

// The entities of other subgraphs this one extends, known by id only (the resolvers' parent types;
// here rather than beside the resolvers, which import the generated types that name them).
/** A reference to an organization of the directory the appeals subgraph owns. */
export type OrganizationRef = { id: string };
/** A reference to a district, owned by the appeals subgraph. */
export type DistrictRef = { id: string };
/** A reference to an appeal, owned by the appeals subgraph. */
export type AppealRef = { id: string };

export type ReceptionUseCases = ReturnType<typeof createReceptionUseCases>;

/** The per-request context of the reception subgraph: fresh loaders and the use cases bound to this request. */
export type ReceptionContext = RequestContext & { loaders: ReceptionLoaders; reception: ReceptionUseCases };

/** The use cases queue the citizen's SMS through `notifier` in the transaction of each change. */
export function createReceptionContext(notifier: Notifier) {
  return (base: RequestContext): ReceptionContext => {
    const withLoaders = { ...base, loaders: createReceptionLoaders(base.em) };
    return { ...withLoaders, reception: createReceptionUseCases({ ...withLoaders, notifier }) };
  };
}
