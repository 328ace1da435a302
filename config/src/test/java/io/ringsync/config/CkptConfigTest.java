package io.ringsync.config;

import static io.ringsync.config.ConfigTestSupport.BASE;
import static io.ringsync.config.ConfigTestSupport.parse;
import static io.ringsync.config.ConfigTestSupport.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code ckpt} section: its defaults, every key read, and out-of-range values named. */
class CkptConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() throws Exception {
        assertEquals(CkptSettings.DEFAULTS, parse(BASE).ckpt());
    }

    @Test
    void everyKeyIsRead() throws Exception {
        CkptSettings ckpt = parse(BASE + """
                ckpt { max_checkpoints = 7, max_total_bytes = 2MiB, tick_interval = 250ms, request_timeout = 5s }
                """).ckpt();
        assertEquals(new CkptSettings(7, 2 * 1024 * 1024, 250, 5000), ckpt);
    }

    @Test
    void outOfRangeValuesAreNamed() {
        List<String> keys = problems(BASE + """
                ckpt { max_checkpoints = 0, max_total_bytes = 10, tick_interval = 1ms, request_timeout = 1ms }
                """).stream().map(ConfigProblem::path).toList();
        assertEquals(List.of("ckpt.max_checkpoints", "ckpt.max_total_bytes", "ckpt.tick_interval", "ckpt.request_timeout"),
                keys);
    }
}
