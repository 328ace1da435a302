package io.ringsync.node.cmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The runtime database: reads, clients' writes with their checks, the node's writes, and trackers. */
class CmapStoreTest {

    private static final Set<CmapEvent.Kind> ALL = EnumSet.allOf(CmapEvent.Kind.class);

    private final CmapStore store = new CmapStore();

    @Test
    void getSetListDelete() throws Exception {
        store.put("totem.token", CmapValue.u32(3000));
        store.put("totem.join", CmapValue.u32(50));
        store.set("resources.app.state", CmapValue.str("up"));
        store.set("resources.app.count", CmapValue.integer(CmapType.I64, -3));
        assertEquals(Optional.of(CmapValue.u32(3000)), store.get("totem.token"));
        assertEquals(List.of("resources.app.count", "resources.app.state"), List.copyOf(store.list("resources.").keySet()));
        assertEquals(List.of("totem.join", "totem.token"), List.copyOf(store.list("totem.").keySet()));
        assertEquals(4, store.list("").size());
        assertTrue(store.list("tot").containsKey("totem.token"), "a prefix need not end at a dot");
        store.delete("resources.app.state");
        assertEquals(Optional.empty(), store.get("resources.app.state"));
        CmapException missing = assertThrows(CmapException.class, () -> store.delete("resources.app.state"));
        assertEquals(CmapError.NOT_EXIST, missing.error());
        assertEquals("no key resources.app.state", missing.getMessage());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "totem.token | ACCESS | totem.token is read-only: it comes from the config file (edit the file and run `ringsync cfg reload`)",
        "nodelist.node.0.nodeid | ACCESS | nodelist.node.0.nodeid is read-only: it comes from the config file (edit the file and run `ringsync cfg reload`)",
        "logging.level | ACCESS | logging.level is read-only: it comes from the config file (edit the file and run `ringsync cfg reload`)",
        "runtime.members.1.status | ACCESS | runtime.members.1.status is read-only: the node derives it and keeps it current",
        "stats.srp.mcast_tx | ACCESS | stats.srp.mcast_tx is read-only: the node derives it and keeps it current",
        "ab | INVALID_PARAM | key \"ab\" must be 3..255 characters long, not 2",
        "my key | INVALID_PARAM | key \"my key\" has a character ' ' at 2 (allowed: letters, digits and . _ - / :)",
        "app/x:y_z-1.ok | NONE | ",
    })
    void clientWritesAreChecked(String key, String error, String message) {
        if ("NONE".equals(error)) {
            assertTrue(assertDoesNotThrow(() -> store.set(key, CmapValue.u8(1))).isEmpty());
            return;
        }
        CmapException e = assertThrows(CmapException.class, () -> store.set(key, CmapValue.str("x")));
        assertEquals(CmapError.valueOf(error), e.error());
        assertEquals(message, e.getMessage());
    }

    private static <T> T assertDoesNotThrow(org.junit.jupiter.api.function.ThrowingSupplier<T> call) {
        return org.junit.jupiter.api.Assertions.assertDoesNotThrow(call);
    }

    @Test
    void derivedKeysCannotBeDeletedByClients() {
        store.put("runtime.members.1.status", CmapValue.str("joined"));
        CmapException e = assertThrows(CmapException.class, () -> store.delete("runtime.members.1.status"));
        assertEquals(CmapError.ACCESS, e.error());
        assertTrue(store.get("runtime.members.1.status").isPresent());
    }

    @Test
    void trackersByKeyAndByPrefixGetTheKindsTheyAskFor() throws Exception {
        long prefix = store.track("runtime.members.", true, ALL);
        long key = store.track("runtime.members.2.status", false, EnumSet.of(CmapEvent.Kind.MODIFY));
        long adds = store.track("runtime.", true, EnumSet.of(CmapEvent.Kind.ADD));

        List<CmapStore.Notification> added = store.put("runtime.members.2.status", CmapValue.str("joined"));
        assertEquals(List.of(prefix, adds), added.stream().map(CmapStore.Notification::trackId).toList());
        assertEquals(new CmapEvent(CmapEvent.Kind.ADD, "runtime.members.2.status", Optional.of(CmapValue.str("joined")),
                Optional.empty()), added.get(0).event());

        assertEquals(List.of(), store.put("runtime.members.2.status", CmapValue.str("joined")), "same value: no event");

        List<CmapStore.Notification> modified = store.put("runtime.members.2.status", CmapValue.str("left"));
        assertEquals(List.of(prefix, key), modified.stream().map(CmapStore.Notification::trackId).toList());
        assertEquals(Optional.of(CmapValue.str("joined")), modified.get(1).event().oldValue());

        List<CmapStore.Notification> deleted = store.remove("runtime.members.2.status");
        assertEquals(List.of(prefix), deleted.stream().map(CmapStore.Notification::trackId).toList());
        assertEquals(CmapEvent.Kind.DELETE, deleted.get(0).event().kind());
        assertEquals(CmapValue.str("left"), deleted.get(0).event().value());

        store.untrack(prefix);
        assertEquals(List.of(adds), store.put("runtime.members.3.status", CmapValue.str("joined")).stream()
                .map(CmapStore.Notification::trackId).toList());
        assertEquals(CmapError.BAD_HANDLE, assertThrows(CmapException.class, () -> store.untrack(prefix)).error());
        assertEquals(CmapError.INVALID_PARAM, assertThrows(CmapException.class,
                () -> store.track("x", false, ALL)).error());
        assertEquals(CmapError.INVALID_PARAM, assertThrows(CmapException.class,
                () -> store.track("runtime.", true, Set.of())).error());
    }

    @Test
    void replacePrefixAddsModifiesAndRemoves() throws Exception {
        store.put("stats.srp.a", CmapValue.u64(1));
        store.put("stats.srp.b", CmapValue.u64(2));
        store.put("stats.other", CmapValue.u64(9));
        long track = store.track("stats.srp.", true, ALL);
        List<CmapStore.Notification> changes = store.replacePrefix("stats.srp.",
                Map.of("stats.srp.b", CmapValue.u64(3), "stats.srp.c", CmapValue.u64(4)));
        assertEquals(List.of("DELETE stats.srp.a", "MODIFY stats.srp.b", "ADD stats.srp.c"), changes.stream()
                .map(n -> n.event().kind() + " " + n.event().key()).toList());
        assertTrue(changes.stream().allMatch(n -> n.trackId() == track));
        assertEquals(Optional.of(CmapValue.u64(9)), store.get("stats.other"), "outside the prefix: untouched");
        assertThrows(IllegalArgumentException.class, () -> store.replacePrefix("stats.srp.", Map.of("x.y", CmapValue.u64(1))));
    }
}
