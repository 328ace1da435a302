package io.ringsync.node.ipc;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Scheduler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringsync.config.NodeEntry;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.node.Json;
import io.ringsync.protocol.totem.RingId;
import io.ringsync.quorum.Quorum;
import io.ringsync.quorum.QuorumActor;
import io.ringsync.quorum.QuorumFlag;
import io.ringsync.quorum.QuorumStatus;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The quorum service's IPC operations, what {@code corosync-quorumtool} asks votequorum:
 * {@value #STATUS} (the status, with the nodelist's names), {@value #EXPECTED}
 * ({@code {"expected": N}}, like {@code -e}) and {@value #VOTES} ({@code {"votes": V}} and an
 * optional {@code "nodeId"}, like {@code -v} and {@code -n}). A change is answered once applied
 * in the total order ({@code {"applied": true}}), or with the one-line reason it was refused.
 */
public final class QuorumIpcHandler implements IpcHandler {

    /** The status op. */
    public static final String STATUS = "quorum.status";
    /** The set-expected-votes op. */
    public static final String EXPECTED = "quorum.expected";
    /** The set-votes op. */
    public static final String VOTES = "quorum.votes";
    /** How long a change may take, end to end, before the request gives up. */
    public static final Duration CHANGE_TIMEOUT = QuorumActor.APPLY_TIMEOUT.plusSeconds(2);

    private final Quorum quorum;
    private final RingsyncSettings settings;

    /** The handler of the quorum actor {@code actor} of the node of {@code settings}. */
    public QuorumIpcHandler(ActorRef<QuorumActor.Command> actor, Scheduler scheduler, RingsyncSettings settings) {
        this.quorum = new Quorum(actor, scheduler, NodeIpcHandler.STATUS_TIMEOUT);
        this.settings = settings;
    }

    @Override
    public JsonNode handle(String op, JsonNode request) throws IpcProtocolException {
        switch (op) {
            case STATUS:
                return toJson(await(quorum.status(), NodeIpcHandler.STATUS_TIMEOUT));
            case EXPECTED:
                return change(await(quorum.setExpected(intField(request, "expected")), CHANGE_TIMEOUT));
            case VOTES:
                int nodeId = request.has("nodeId") ? intField(request, "nodeId") : 0;
                return change(await(quorum.setVotes(nodeId, intField(request, "votes")), CHANGE_TIMEOUT));
            default:
                throw new IpcProtocolException("unknown op \"" + op + "\" (known: " + STATUS + ", " + EXPECTED
                        + ", " + VOTES + ")");
        }
    }

    /** The status as JSON: the fields of {@link QuorumStatus}, flags as quorumtool's words, names from the nodelist. */
    public JsonNode toJson(QuorumStatus status) {
        ObjectNode json = Json.object()
                .put("nodeId", status.localNodeId())
                .put("ringId", status.ringId().map(RingId::toString).orElse(null))
                .put("quorate", status.quorate())
                .put("expectedVotes", status.expectedVotes())
                .put("highestExpected", status.highestExpected())
                .put("totalVotes", status.totalVotes())
                .put("quorum", status.quorum())
                .put("waitingForAll", status.waitingForAll())
                .put("deviceVotes", status.deviceVotes());
        ArrayNode flags = json.putArray("flags");
        for (QuorumFlag flag : QuorumFlag.values()) {
            if (status.flags().contains(flag)) {
                flags.add(flag.word());
            }
        }
        ArrayNode members = json.putArray("members");
        for (QuorumStatus.Member member : status.members()) {
            members.addObject().put("nodeId", member.nodeId()).put("votes", member.votes())
                    .put("expected", member.expected())
                    .put("name", settings.node(member.nodeId()).map(NodeEntry::name).orElse(""))
                    .put("local", member.nodeId() == status.localNodeId());
        }
        return json;
    }

    private static JsonNode change(QuorumActor.ChangeResult result) throws IpcProtocolException {
        if (!result.applied()) {
            throw new IpcProtocolException(result.error());
        }
        return Json.object().put("applied", true);
    }

    private static int intField(JsonNode request, String field) throws IpcProtocolException {
        JsonNode value = request.get(field);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new IpcProtocolException("\"" + field + "\" must be an integer, got "
                    + (value == null ? "nothing" : value.toString()));
        }
        return value.intValue();
    }

    private static <T> T await(CompletionStage<T> answer, Duration timeout) throws IpcProtocolException {
        try {
            return answer.toCompletableFuture().get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IpcProtocolException("the quorum service did not answer within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new IpcProtocolException("the quorum service did not answer: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IpcProtocolException("quorum request interrupted");
        }
    }
}
