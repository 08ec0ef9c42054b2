import type { Delivery, TriggerFiring } from '../dashboardTypes';
import { deliveriesHref } from '../deliveriesQuery';
import { ago, date, dateTime } from '../format';
import type { AccountView, MilestoneLine } from '../readAccountView';
import { Layout } from './Layout';
import { DeliveryTable } from './WebhooksPage';

const Progress = ({ m }: { m: MilestoneLine }) => (
  <div class="progress-line">
    <progress
      max={m.target}
      value={Math.min(m.current, m.target)}
      aria-label={`${m.title}: ${m.current} of ${m.target}`}
    />
    <span class="num">
      {Math.min(m.current, m.target)} / {m.target}
    </span>
  </div>
);

const MilestoneRow = ({ m }: { m: MilestoneLine }) => (
  <li class={`milestone ${m.status}`}>
    <span class="title">
      {m.title}
      {m.status === 'overdue' && <span class="pill stalled">overdue</span>}
    </span>
    {m.achievedAt !== undefined ? (
      <span class="done">✓ {date(m.achievedAt)}</span>
    ) : m.status === 'locked' ? (
      // Progress may already be there, but it counts only once the level before is complete.
      <span class="muted small">locked until the level before</span>
    ) : (
      <Progress m={m} />
    )}
  </li>
);

const achievedCount = (u: AccountView['users'][number]) =>
  u.milestones.filter((m) => m.achievedAt !== undefined).length;

/** A user's card: progress toward what is unfinished first, what was achieved folded under it. */
const UserCard = ({ u, now }: { u: AccountView['users'][number]; now: number }) => {
  const open = u.milestones.filter((m) => m.achievedAt === undefined);
  const done = u.milestones.filter((m) => m.achievedAt !== undefined);
  return (
    <article class="card user" aria-labelledby={`user-${u.userId}`}>
      <h3 id={`user-${u.userId}`}>{u.userId}</h3>
      <p class="muted small">
        started {date(u.startedAt)} · last active {ago(u.lastEventAt, now)} · {done.length} of {u.milestones.length}{' '}
        achieved
      </p>
      <progress class="wide" max={u.milestones.length || 1} value={done.length} aria-hidden="true" />
      {open.length ? (
        <ul class="milestones">
          {open.map((m) => (
            <MilestoneRow m={m} />
          ))}
        </ul>
      ) : (
        <p class="all-done small">Every milestone achieved.</p>
      )}
      {done.length > 0 && (
        <details>
          <summary>{done.length} achieved</summary>
          <ul class="milestones">
            {done.map((m) => (
              <MilestoneRow m={m} />
            ))}
          </ul>
        </details>
      )}
    </article>
  );
};

/**
 * One account: its own milestones, a timeline of everything its users achieved, each user's progress toward the
 * unfinished milestones, and (when those parts are on) the triggers that fired and the webhook deliveries for it.
 */
export function AccountPage(props: {
  view: AccountView;
  triggers: TriggerFiring[];
  deliveries: Delivery[];
  /** Whether the account has more deliveries than those shown. */
  moreDeliveries?: boolean;
  projectKey: string;
  csrf: string;
  now: number;
}) {
  const { view, triggers, deliveries, now } = props;
  const back = `/dashboard/accounts/${encodeURIComponent(view.accountId)}`;
  const timeline = [
    ...view.milestones
      .filter((m) => m.achievedAt !== undefined)
      .map((m) => ({ at: m.achievedAt!, title: m.title, who: 'The team' })),
    ...view.users.flatMap((u) =>
      u.milestones
        .filter((m) => m.achievedAt !== undefined)
        .map((m) => ({ at: m.achievedAt!, title: m.title, who: u.userId })),
    ),
  ].sort((a, b) => b.at - a.at);
  return (
    <Layout title={`Account ${view.accountId}`} projectKey={props.projectKey} section="accounts" csrf={props.csrf}>
      <p class="crumbs">
        <a href="/dashboard/accounts">Accounts</a> <span aria-hidden="true">›</span> {view.accountId}
      </p>
      <h1>{view.accountId}</h1>
      <p class="muted">
        {view.users.length + view.moreUsers} user{view.users.length + view.moreUsers === 1 ? '' : 's'} · started{' '}
        {date(view.startedAt)} · last active {ago(view.lastEventAt, now)}
      </p>
      <div class={view.milestones.length ? 'grid two' : 'grid'}>
        <section class="card" aria-labelledby="timeline-title">
          <h2 id="timeline-title">Timeline</h2>
          {timeline.length ? (
            <ol class="timeline" tabIndex={0} aria-label="Achievements, newest first">
              {timeline.slice(0, 50).map((t) => (
                <li>
                  <time dateTime={new Date(t.at).toISOString()}>{date(t.at)}</time>
                  <span>
                    <strong>{t.who}</strong> achieved {t.title}
                  </span>
                </li>
              ))}
            </ol>
          ) : (
            <p class="empty">Nothing achieved yet.</p>
          )}
          {timeline.length > 50 && <p class="muted small">The 50 latest of {timeline.length} achievements.</p>}
        </section>
        {view.milestones.length > 0 && (
          <section class="card" aria-labelledby="team-title">
            <h2 id="team-title">Team milestones</h2>
            <ul class="milestones">
              {view.milestones.map((m) => (
                <MilestoneRow m={m} />
              ))}
            </ul>
          </section>
        )}
      </div>
      <section aria-labelledby="users-title">
        <h2 id="users-title">Users</h2>
        <div class="grid users">
          {/* Those with the most left to do first: they are who a CSM calls. */}
          {[...view.users]
            .sort((a, b) => achievedCount(a) - achievedCount(b))
            .map((u) => (
              <UserCard u={u} now={now} />
            ))}
        </div>
        {view.moreUsers > 0 && <p class="muted">and {view.moreUsers} more, less recently active.</p>}
      </section>
      {/* One above the other: the delivery log's seven columns need the page's width (half of it cut off Response). */}
      <section class="card" aria-labelledby="triggers-title">
        <h2 id="triggers-title">Triggers that fired</h2>
        {triggers.length ? (
          <table>
            <thead>
              <tr>
                <th scope="col">Trigger</th>
                <th scope="col">For</th>
                <th scope="col">Fired</th>
              </tr>
            </thead>
            <tbody>
              {triggers.map((t) => (
                <tr>
                  <td>{t.triggerId}</td>
                  <td>{t.userId ?? 'the account'}</td>
                  <td>{dateTime(t.firedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p class="empty">No trigger has fired for this account.</p>
        )}
      </section>
      <section class="card" aria-labelledby="deliveries-title">
        <h2 id="deliveries-title">Webhook deliveries</h2>
        {deliveries.length ? (
          <DeliveryTable deliveries={deliveries} csrf={props.csrf} back={back} />
        ) : (
          <p class="empty">No webhook delivery for this account.</p>
        )}
        {props.moreDeliveries && (
          <p class="muted small">
            The {deliveries.length} latest.{' '}
            <a href={deliveriesHref({ accountId: view.accountId }, {})}>Every delivery for this account</a>
          </p>
        )}
      </section>
    </Layout>
  );
}
