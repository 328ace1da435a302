package io.ringsync.node.cpg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringsync.cpg.CpgAddress;
import io.ringsync.cpg.CpgConfChg;
import io.ringsync.cpg.CpgDeliver;
import io.ringsync.cpg.CpgEvent;
import io.ringsync.cpg.CpgGroupMembers;
import io.ringsync.cpg.CpgHandle;
import io.ringsync.cpg.CpgMember;
import io.ringsync.cpg.CpgNotification;
import io.ringsync.cpg.CpgReason;
import io.ringsync.cpg.CpgTotemConfChg;
import io.ringsync.node.Json;
import io.ringsync.node.ipc.IpcProtocolException;
import io.ringsync.protocol.totem.RingId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * CPG values as IPC JSON, both ways. Members are {@code {"nodeId", "pid"}}, changes add a
 * {@code "reason"}; payloads are base64 in {@code "data"}. An event frame pushed to a client has
 * an {@code "event"} member ({@code deliver}, {@code confchg} or {@code totem}) and the
 * {@code "handle"} ({@code {"group", "pid"}}) of the local process it is for:
 *
 * <pre>
 * {"event":"deliver","handle":{..},"group":"g","nodeId":1,"pid":10,"safe":false,"data":"AQID"}
 * {"event":"confchg","handle":{..},"group":"g","members":[..],"left":[..],"joined":[..]}
 * {"event":"totem","handle":{..},"ringRep":1,"ringSeq":8,"members":[1,2]}
 * </pre>
 */
public final class CpgJson {

    /** The member that marks a pushed frame as an event rather than a reply. */
    public static final String EVENT = "event";

    private CpgJson() {
    }

    /** The frame pushed for {@code notification}. */
    public static ObjectNode event(CpgNotification notification) {
        ObjectNode frame = Json.object();
        CpgEvent event = notification.event();
        if (event instanceof CpgDeliver deliver) {
            frame.put(EVENT, "deliver");
            frame.set("handle", handle(notification.handle()));
            frame.put("group", deliver.group()).put("nodeId", deliver.sender().nodeId())
                    .put("pid", deliver.sender().pid()).put("safe", deliver.safe())
                    .put("data", Base64.getEncoder().encodeToString(deliver.payload()));
        } else if (event instanceof CpgConfChg change) {
            frame.put(EVENT, "confchg");
            frame.set("handle", handle(notification.handle()));
            frame.put("group", change.group());
            frame.set("members", members(change.members()));
            frame.set("left", addresses(change.left()));
            frame.set("joined", addresses(change.joined()));
        } else {
            CpgTotemConfChg totem = (CpgTotemConfChg) event;
            frame.put(EVENT, "totem");
            frame.set("handle", handle(notification.handle()));
            frame.put("ringRep", totem.ringId().repNodeId()).put("ringSeq", totem.ringId().ringSeq());
            ArrayNode members = frame.putArray("members");
            totem.members().forEach(members::add);
        }
        return frame;
    }

    /** The notification an event frame holds. */
    public static CpgNotification notification(JsonNode frame) throws IpcProtocolException {
        try {
            CpgHandle handle = new CpgHandle(frame.path("handle").path("group").asText(),
                    frame.path("handle").path("pid").asLong());
            String kind = frame.path(EVENT).asText();
            CpgEvent event = switch (kind) {
                case "deliver" -> new CpgDeliver(frame.path("group").asText(), member(frame),
                        frame.path("safe").asBoolean(), Base64.getDecoder().decode(frame.path("data").asText()));
                case "confchg" -> new CpgConfChg(frame.path("group").asText(), membersOf(frame.path("members")),
                        addressesOf(frame.path("left")), addressesOf(frame.path("joined")));
                case "totem" -> new CpgTotemConfChg(new RingId(frame.path("ringRep").asInt(),
                        frame.path("ringSeq").asLong()), intsOf(frame.path("members")));
                default -> throw new IpcProtocolException("unknown CPG event \"" + kind + "\"");
            };
            return new CpgNotification(handle, event);
        } catch (IllegalArgumentException e) {
            throw new IpcProtocolException("malformed CPG event: " + e.getMessage());
        }
    }

    /** {@code {"groups": [{"group", "members": [..]}, ..]}}. */
    public static ObjectNode groups(List<CpgGroupMembers> groups) {
        ObjectNode reply = Json.object();
        ArrayNode array = reply.putArray("groups");
        for (CpgGroupMembers group : groups) {
            ObjectNode entry = array.addObject().put("group", group.group());
            entry.set("members", members(group.members()));
        }
        return reply;
    }

    /** The groups of a {@link #groups} reply. */
    public static List<CpgGroupMembers> groupsOf(JsonNode reply) {
        List<CpgGroupMembers> groups = new ArrayList<>();
        reply.path("groups").forEach(g -> groups.add(new CpgGroupMembers(g.path("group").asText(),
                membersOf(g.path("members")))));
        return groups;
    }

    private static ObjectNode handle(CpgHandle handle) {
        return Json.object().put("group", handle.group()).put("pid", handle.pid());
    }

    private static ArrayNode members(List<CpgMember> members) {
        ArrayNode array = Json.mapper().createArrayNode();
        members.forEach(m -> array.addObject().put("nodeId", m.nodeId()).put("pid", m.pid()));
        return array;
    }

    private static ArrayNode addresses(List<CpgAddress> addresses) {
        ArrayNode array = Json.mapper().createArrayNode();
        addresses.forEach(a -> array.addObject().put("nodeId", a.nodeId()).put("pid", a.pid())
                .put("reason", a.reason().name()));
        return array;
    }

    private static CpgMember member(JsonNode node) {
        return new CpgMember(node.path("nodeId").asInt(), node.path("pid").asLong());
    }

    private static List<CpgMember> membersOf(JsonNode array) {
        List<CpgMember> members = new ArrayList<>();
        array.forEach(m -> members.add(member(m)));
        return members;
    }

    private static List<CpgAddress> addressesOf(JsonNode array) {
        List<CpgAddress> addresses = new ArrayList<>();
        array.forEach(a -> addresses.add(new CpgAddress(member(a), CpgReason.valueOf(a.path("reason").asText()))));
        return addresses;
    }

    private static List<Integer> intsOf(JsonNode array) {
        List<Integer> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asInt()));
        return values;
    }
}
