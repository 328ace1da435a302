package io.ringsync.node.cmap;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.TimerScheduler;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * The {@link CmapActor}'s part that serves its clients (the actor's helper, run on its thread):
 * reads, writes and deletes on the {@link CmapStore}, and the trackers, either actors told each
 * {@link CmapEvent} (watched, dropped when they stop) or buffers an IPC client polls (a poll waits
 * up to {@link CmapActor#MAX_POLL_WAIT}; a buffer is dropped after
 * {@link CmapActor#POLLED_TRACK_IDLE} without a poll). Every change to the store, whoever made
 * it, goes through {@link #dispatch} to reach its trackers.
 */
final class CmapClients {

    private record ParkedPoll(long seq, ActorRef<CmapReply<PolledEvents>> replyTo) {
    }

    /** A change a client asked for, which the store may refuse. */
    private interface Change {
        void run() throws CmapException;
    }

    private final ActorContext<CmapActor.Command> context;
    private final TimerScheduler<CmapActor.Command> timers;
    private final CmapStore store;
    private final PolledTracks polled = new PolledTracks();
    private final Map<Long, ActorRef<CmapEvent>> pushed = new HashMap<>();
    private final Map<Long, ParkedPoll> parked = new HashMap<>();
    private long nextPollSeq = 1;

    CmapClients(ActorContext<CmapActor.Command> context, TimerScheduler<CmapActor.Command> timers, CmapStore store) {
        this.context = context;
        this.timers = timers;
        this.store = store;
    }

    // ---- reads and writes

    /** Answers a {@link CmapActor.GetValue} or {@link CmapActor.ListKeys} from the store as it is. */
    void answer(CmapActor.Command request) {
        if (request instanceof CmapActor.GetValue get) {
            get.replyTo().tell(store.get(get.key()).map(CmapReply::ok)
                    .orElseGet(() -> CmapReply.refused(CmapError.NOT_EXIST, "no key " + get.key())));
        } else if (request instanceof CmapActor.ListKeys list) {
            list.replyTo().tell(store.list(list.prefix()));
        }
    }

    void set(CmapActor.SetValue set) {
        change(set.replyTo(), () -> dispatch(store.set(set.key(), set.value())));
    }

    void delete(CmapActor.DeleteKey delete) {
        change(delete.replyTo(), () -> dispatch(store.delete(delete.key())));
    }

    /** Makes {@code change}, answering {@code replyTo} done, or the store's refusal. */
    private static void change(ActorRef<CmapReply<Done>> replyTo, Change change) {
        try {
            change.run();
            replyTo.tell(CmapReply.ok(Done.getInstance()));
        } catch (CmapException e) {
            replyTo.tell(CmapReply.refused(e));
        }
    }

    // ---- tracking

    void track(CmapActor.Track track) {
        startTrack(track.key(), track.prefix(), track.kinds(), track.replyTo(), id -> {
            pushed.put(id, track.subscriber());
            context.watchWith(track.subscriber(), new CmapActor.TrackerGone(id));
        });
    }

    void trackPolled(CmapActor.TrackPolled track) {
        startTrack(track.key(), track.prefix(), track.kinds(), track.replyTo(), id -> polled.add(id, System.nanoTime()));
    }

    /** Adds a track to the store and hands its id to {@code tracker}, answering {@code replyTo} the id, or the store's refusal. */
    private void startTrack(String key, boolean prefix, Set<CmapEvent.Kind> kinds, ActorRef<CmapReply<Long>> replyTo,
                            LongConsumer tracker) {
        try {
            long id = store.track(key, prefix, kinds);
            tracker.accept(id);
            replyTo.tell(CmapReply.ok(id));
        } catch (CmapException e) {
            replyTo.tell(CmapReply.refused(e));
        }
    }

    void untrack(CmapActor.Untrack untrack) {
        change(untrack.replyTo(), () -> {
            store.untrack(untrack.trackId());
            dropTrack(untrack.trackId());
        });
    }

    private void dropTrack(long id) {
        ActorRef<CmapEvent> subscriber = pushed.remove(id);
        if (subscriber != null) {
            context.unwatch(subscriber);
        }
        polled.remove(id);
        ParkedPoll poll = parked.remove(id);
        if (poll != null) {
            poll.replyTo().tell(CmapReply.refused(CmapError.BAD_HANDLE, "track " + id + " was removed"));
        }
    }

    /** A tracker stopped (or its polled buffer went idle): its track goes. */
    void trackerGone(CmapActor.TrackerGone gone) {
        try {
            store.untrack(gone.trackId());
        } catch (CmapException e) {
            // already removed by an Untrack
        }
        dropTrack(gone.trackId());
    }

    /** Drops the polled tracks without a poll for {@link CmapActor#POLLED_TRACK_IDLE} (their client is gone). */
    void dropIdle() {
        for (long id : polled.expire(System.nanoTime() - CmapActor.POLLED_TRACK_IDLE.toNanos())) {
            context.getLog().debug("cmap: dropping polled track {}: no poll for {} s", id,
                    CmapActor.POLLED_TRACK_IDLE.toSeconds());
            trackerGone(new CmapActor.TrackerGone(id));
        }
    }

    // ---- polls

    void poll(CmapActor.Poll poll) {
        if (!polled.contains(poll.trackId())) {
            poll.replyTo().tell(CmapReply.refused(CmapError.BAD_HANDLE, "no polled track " + poll.trackId()));
            return;
        }
        ParkedPoll earlier = parked.remove(poll.trackId());
        if (earlier != null) {
            earlier.replyTo().tell(CmapReply.ok(new PolledEvents(List.of(), 0)));
        }
        if (polled.hasEvents(poll.trackId()) || poll.maxWait().isZero() || poll.maxWait().isNegative()) {
            poll.replyTo().tell(CmapReply.ok(polled.take(poll.trackId(), System.nanoTime())));
            return;
        }
        long seq = nextPollSeq++;
        polled.touch(poll.trackId(), System.nanoTime());
        parked.put(poll.trackId(), new ParkedPoll(seq, poll.replyTo()));
        Duration wait = poll.maxWait().compareTo(CmapActor.MAX_POLL_WAIT) > 0 ? CmapActor.MAX_POLL_WAIT : poll.maxWait();
        timers.startSingleTimer("poll-" + poll.trackId(), new CmapActor.PollDeadline(poll.trackId(), seq), wait);
    }

    void pollDeadline(CmapActor.PollDeadline deadline) {
        ParkedPoll poll = parked.get(deadline.trackId());
        if (poll != null && poll.seq() == deadline.pollSeq()) {
            parked.remove(deadline.trackId());
            poll.replyTo().tell(CmapReply.ok(polled.take(deadline.trackId(), System.nanoTime())));
        }
    }

    /** Hands each notification to its tracker: an actor, or a polled buffer (answering a waiting poll). */
    void dispatch(List<CmapStore.Notification> notifications) {
        for (CmapStore.Notification notification : notifications) {
            long id = notification.trackId();
            if (polled.offer(id, notification.event())) {
                ParkedPoll poll = parked.remove(id);
                if (poll != null) {
                    timers.cancel("poll-" + id);
                    poll.replyTo().tell(CmapReply.ok(polled.take(id, System.nanoTime())));
                }
            } else {
                ActorRef<CmapEvent> subscriber = pushed.get(id);
                if (subscriber != null) {
                    subscriber.tell(notification.event());
                }
            }
        }
    }
}
