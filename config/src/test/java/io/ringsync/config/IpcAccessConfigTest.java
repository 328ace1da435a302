package io.ringsync.config;

import static io.ringsync.config.ConfigTestSupport.BASE;
import static io.ringsync.config.ConfigTestSupport.parse;
import static io.ringsync.config.ConfigTestSupport.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** system.ipc_allowed_uids / ipc_allowed_gids, and the socket and run directory modes they imply. */
class IpcAccessConfigTest {

    @Test
    void byDefaultOnlyTheOwnerIsAllowedWithSocket0600AndRunDir0700() throws Exception {
        SystemSettings s = parse(BASE).system();
        assertEquals(List.of(), s.ipcAllowedUids());
        assertEquals(List.of(), s.ipcAllowedGids());
        assertEquals(0600, s.ipcSocketMode());
        assertEquals(0700, s.runDirMode());
    }

    @Test
    void allowedIdsAreSortedAndOpenTheSocketTo0666AndTheRunDirTo0711() throws Exception {
        SystemSettings s = parse(BASE + """
                system { ipc_allowed_uids = [65534, 1000, "4294967294"], ipc_allowed_gids = [0] }
                """).system();
        assertEquals(List.of(1000L, 65534L, 4294967294L), s.ipcAllowedUids());
        assertEquals(List.of(0L), s.ipcAllowedGids());
        assertEquals(0666, s.ipcSocketMode());
        assertEquals(0711, s.runDirMode());
        assertEquals(0711, parse(BASE + "system.ipc_allowed_gids = [27]").system().runDirMode());
    }

    @Test
    void anExplicitModeIsKeptWhenItLetsTheAllowedIdsConnect() throws Exception {
        assertEquals(0662, parse(BASE + "system { ipc_allowed_uids = [1000], ipc_socket_mode = \"0662\" }")
                .system().ipcSocketMode());
        assertEquals(0660, parse(BASE + "system { ipc_allowed_gids = [27], ipc_socket_mode = \"0660\" }")
                .system().ipcSocketMode());
        assertEquals(0666, parse(BASE + "system.ipc_socket_mode = \"0666\"").system().ipcSocketMode());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ipc_allowed_uids = [nobody]      | system.ipc_allowed_uids[0] | expected a numeric uid (0..4294967294), got string \"nobody\"; names are not looked up: `id -u NAME` gives the number",
        "ipc_allowed_uids = [1, -1]       | system.ipc_allowed_uids[1] | expected a numeric uid (0..4294967294), got number -1",
        "ipc_allowed_uids = [4294967295]  | system.ipc_allowed_uids[0] | expected a numeric uid (0..4294967294), got number 4294967295",
        "ipc_allowed_gids = [1.5]         | system.ipc_allowed_gids[0] | expected a numeric gid (0..4294967294), got number 1.5",
        "ipc_allowed_gids = [7, 7]        | system.ipc_allowed_gids[1] | gid 7 is listed twice",
        "ipc_allowed_uids = 1000          | system.ipc_allowed_uids    | expected a list [ ... ], got number 1000",
    })
    void badIdsAreNamedAtTheirElement(String system, String path, String message) {
        List<ConfigProblem> found = problems(BASE + "system { " + system + " }\n");
        assertEquals(1, found.size(), found::toString);
        assertEquals(path, found.get(0).path());
        assertEquals(message, found.get(0).message());
        assertEquals("test.conf:8", found.get(0).origin());
    }

    @Test
    void anExplicitModeThatLocksOutTheAllowedIdsIsRefused() {
        List<ConfigProblem> uids = problems(BASE + "system { ipc_allowed_uids = [1000], ipc_socket_mode = \"0660\" }");
        assertEquals(List.of("system.ipc_socket_mode: \"0660\" does not let the users of system.ipc_allowed_uids"
                + " connect: others need write, e.g. \"0666\" (connecting takes write permission; the credential check"
                + " still refuses everyone not allowed); leave ipc_socket_mode unset to derive it"),
                uids.stream().map(p -> p.path() + ": " + p.message()).toList());
        List<ConfigProblem> gids = problems(BASE + "system { ipc_allowed_gids = [27], ipc_socket_mode = \"0604\" }");
        assertEquals("system.ipc_socket_mode", gids.get(0).path());
        assertEquals(1, gids.size());
    }
}
