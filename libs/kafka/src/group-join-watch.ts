import type { Kafka } from 'kafkajs';

/** kafkajs' own default, used when neither the client nor the consumer sets one. */
export const KAFKAJS_SESSION_TIMEOUT_MS = 30_000;

const clientSessionTimeouts = new WeakMap<Kafka, number>();

/** Records the session timeout every consumer of `kafka` gets unless it sets its own (createKafka). */
export function setClientSessionTimeout(kafka: Kafka, sessionTimeoutMs: number): void {
  clientSessionTimeouts.set(kafka, sessionTimeoutMs);
}

/** The session timeout consumers made from `kafka` get by default (also through a client derived with Object.create). */
export function clientSessionTimeout(kafka: Kafka): number {
  for (let k: Kafka | null = kafka; k; k = Object.getPrototypeOf(k) as Kafka | null) {
    const ms = clientSessionTimeouts.get(k);
    if (ms !== undefined) return ms;
  }
  return KAFKAJS_SESSION_TIMEOUT_MS;
}

export interface GroupJoinWatchOptions {
  groupId: string;
  /** This member's session timeout; a killed member from before most likely had the same. */
  sessionTimeoutMs: number;
  log: (message: string) => void;
  /** A join that takes longer is explained in the log (default 1 500 ms). */
  noticeAfterMs?: number;
}

export interface GroupJoinWatch {
  /** The first join ended (joined, or failed): logs how long it took if the wait was explained. */
  done(): void;
}

interface PreviousMembers {
  state: string;
  members: string[];
}

/**
 * Explains a slow first join. The coordinator completes a join only once every member it knows
 * has rejoined; a member that was killed rather than stopped (no LeaveGroup) never does and is
 * dropped only when its session expires, so a start right after a `kill -9` waits up to a
 * session timeout without a word. The group's members are read before joining; if the join is
 * still waiting after `noticeAfterMs`, one line says what for and for how long at most.
 */
export async function watchGroupJoin(kafka: Kafka, options: GroupJoinWatchOptions): Promise<GroupJoinWatch> {
  const { groupId, sessionTimeoutMs, log } = options;
  const previous = await describeGroup(kafka, groupId);
  const started = Date.now();
  let explained = false;
  const timer = setTimeout(() => {
    explained = true;
    const upTo = `up to ${formatSeconds(sessionTimeoutMs)} s, the session timeout`;
    if (previous && previous.members.length > 0) {
      const n = previous.members.length;
      log(
        `joining consumer group ${groupId}: waiting for the ${n === 1 ? 'previous member' : `${n} previous members`} (${previous.members.join(', ')}; group ${previous.state}) to rejoin or, ` +
          `if ${n === 1 ? 'it was' : 'they were'} killed rather than stopped, for ${n === 1 ? 'its session' : 'their sessions'} to expire (${upTo})`,
      );
    } else if (previous) {
      // Nobody to wait for: the broker delays the first join of an empty group, in case more members come.
      log(`joining consumer group ${groupId}: the group is empty; the broker holds its first join for group.initial.rebalance.delay.ms (3 s by default, 0 on deploy/local/kafka.sh's broker)`);
    } else {
      log(`joining consumer group ${groupId}: waiting for the coordinator (a member killed rather than stopped holds the join until its session expires, ${upTo})`);
    }
  }, options.noticeAfterMs ?? 1_500);
  timer.unref();
  return {
    done() {
      clearTimeout(timer);
      if (explained) log(`joined consumer group ${groupId} after ${formatSeconds(Date.now() - started)} s`);
    },
  };
}

/** The group's state and members as `clientId@host`; undefined when the broker cannot say (the join goes ahead regardless). */
async function describeGroup(kafka: Kafka, groupId: string): Promise<PreviousMembers | undefined> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    const { groups } = await admin.describeGroups([groupId]);
    const group = groups.find((g) => g.groupId === groupId);
    if (!group) return undefined;
    return { state: group.state, members: group.members.map((m) => `${m.clientId}@${m.clientHost.replace(/^\//, '')}`) };
  } catch {
    return undefined;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

function formatSeconds(ms: number): string {
  return (ms / 1000).toFixed(ms < 10_000 ? 1 : 0);
}
