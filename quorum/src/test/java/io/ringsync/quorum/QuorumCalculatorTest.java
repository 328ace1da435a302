package io.ringsync.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The calculator by tables (STYLE.md 13). Each row is one calculation: the members as
 * {@code id:votes:expected}, this node's expected votes, the previous quorum, how quorum may
 * decrease, the flags, the previous ring's members and the last quorate membership's lowest and
 * highest ids; then what must come out. Flags: 2n two_node, wfa wait_for_all (still waiting),
 * lo/hi/list=a.b auto_tie_breaker, ad allow_downscale with floor=N, dev=N device votes cast.
 */
class QuorumCalculatorTest {

    @ParameterizedTest(name = "{0} exp={1} prevq={2} {3} [{4}] -> quorate={8} quorum={9}")
    @CsvSource(delimiter = '|', value = {
        // members                   | exp | prevq | decrease   | flags          | previous | low | high | quorate | quorum | total | highest | expected
        // plain majority: quorum = max((he+2)/2, (tv+2)/2)
        "1:1:3 2:1:3 3:1:3           | 3   | 0     | NEVER      | -              | -        | 0   | 0    | true    | 2      | 3     | 3       | 3",
        "1:1:3 2:1:3                 | 3   | 2     | NEVER      | -              | -        | 0   | 0    | true    | 2      | 2     | 3       | 3",
        "1:1:3                       | 3   | 2     | NEVER      | -              | -        | 0   | 0    | false   | 2      | 1     | 3       | 3",
        "1:1:5 2:1:5 3:1:5           | 5   | 3     | NEVER      | -              | -        | 0   | 0    | true    | 3      | 3     | 5       | 5",
        "1:1:5 2:1:5                 | 5   | 3     | NEVER      | -              | -        | 0   | 0    | false   | 3      | 2     | 5       | 5",
        // weighted votes; expected raised to the total; highest expected over members
        "1:3:4 2:1:4 3:1:4           | 4   | 0     | NEVER      | -              | -        | 0   | 0    | true    | 3      | 5     | 5       | 5",
        "1:1:3 2:1:7                 | 3   | 0     | NEVER      | -              | -        | 0   | 0    | false   | 4      | 2     | 7       | 3",
        // quorum never decreases on its own, but may on an explicit path
        "1:1:3 2:1:3 3:1:3           | 3   | 5     | NEVER      | -              | -        | 0   | 0    | false   | 5      | 3     | 3       | 3",
        "1:1:3 2:1:3 3:1:3           | 3   | 5     | ALLOWED    | -              | -        | 0   | 0    | true    | 2      | 3     | 3       | 3",
        // last_man_standing's recalculation: expected = members' votes (8 -> 5 -> 3 -> 2)
        "1:1:8 2:1:8 3:1:8 4:1:8 5:1:8 | 8 | 5     | TO_MEMBERS | -              | -        | 0   | 0    | true    | 3      | 5     | 5       | 5",
        "1:1:5 2:1:5 3:1:5           | 5   | 3     | TO_MEMBERS | -              | -        | 0   | 0    | true    | 2      | 3     | 3       | 3",
        "1:1:3 2:1:3                 | 3   | 2     | TO_MEMBERS | -              | -        | 0   | 0    | true    | 2      | 2     | 2       | 2",
        // two_node: quorum 1 with at most 2 voters; each half of a split stays quorate
        "1:1:2 2:1:2                 | 2   | 0     | NEVER      | 2n             | -        | 0   | 0    | true    | 1      | 2     | 2       | 2",
        "1:1:2                       | 2   | 1     | NEVER      | 2n             | 1.2      | 1   | 2    | true    | 1      | 1     | 2       | 2",
        "2:1:2                       | 2   | 1     | NEVER      | 2n             | 1.2      | 1   | 2    | true    | 1      | 1     | 2       | 2",
        // wait_for_all at cold start: not quorate until every expected vote is present
        "1:1:3 2:1:3                 | 3   | 0     | NEVER      | wfa            | -        | 0   | 0    | false   | 2      | 2     | 3       | 3",
        "1:1:3 2:1:3 3:1:3           | 3   | 0     | NEVER      | wfa            | -        | 0   | 0    | true    | 2      | 3     | 3       | 3",
        "1:1:2                       | 2   | 0     | NEVER      | 2n wfa         | -        | 0   | 0    | false   | 1      | 1     | 2       | 2",
        "1:1:2 2:1:2                 | 2   | 0     | NEVER      | 2n wfa         | -        | 0   | 0    | true    | 1      | 2     | 2       | 2",
        // auto_tie_breaker, a 50/50 split of 4 nodes: lowest, highest, a list
        "1:1:4 2:1:4                 | 4   | 3     | NEVER      | lo             | 1.2.3.4  | 1   | 4    | true    | 3      | 2     | 4       | 4",
        "3:1:4 4:1:4                 | 4   | 3     | NEVER      | lo             | 1.2.3.4  | 1   | 4    | false   | 3      | 2     | 4       | 4",
        "1:1:4 2:1:4                 | 4   | 3     | NEVER      | hi             | 1.2.3.4  | 1   | 4    | false   | 3      | 2     | 4       | 4",
        "3:1:4 4:1:4                 | 4   | 3     | NEVER      | hi             | 1.2.3.4  | 1   | 4    | true    | 3      | 2     | 4       | 4",
        "1:1:4 2:1:4                 | 4   | 3     | NEVER      | list=3.1       | 1.2.3.4  | 1   | 4    | false   | 3      | 2     | 4       | 4",
        "3:1:4 4:1:4                 | 4   | 3     | NEVER      | list=3.1       | 1.2.3.4  | 1   | 4    | true    | 3      | 2     | 4       | 4",
        // a list whose first node was not in the previous ring: the next listed node wins
        "1:1:4 2:1:4                 | 4   | 3     | NEVER      | list=5.1       | 1.2.3.4  | 1   | 4    | true    | 3      | 2     | 4       | 4",
        // the tie is broken only for an exact half, and only after fewer than quorum nodes left
        "1:1:5 2:1:5                 | 5   | 3     | NEVER      | lo             | 1.2.3.4.5 | 1  | 5    | false   | 3      | 2     | 5       | 5",
        "1:1:4 2:1:4                 | 4   | 3     | NEVER      | lo             | 1        | 0   | 0    | false   | 3      | 2     | 4       | 4",
        // allow_downscale: a clean leave lowers expected to the members' votes, not below the floor
        "1:1:13 2:1:13 3:1:13 4:1:13 | 13  | 7     | TO_MEMBERS | ad floor=3     | -        | 0   | 0    | true    | 3      | 4     | 4       | 4",
        "1:1:4 2:1:4                 | 4   | 3     | TO_MEMBERS | ad floor=3     | -        | 0   | 0    | true    | 2      | 2     | 3       | 3",
        // a quorum device's votes count once, and as a voter for two_node's count
        "1:1:5 2:1:5                 | 5   | 3     | NEVER      | dev=2          | -        | 0   | 0    | true    | 3      | 4     | 5       | 5",
        "1:1:5                       | 5   | 3     | NEVER      | dev=2          | -        | 0   | 0    | true    | 3      | 3     | 5       | 5",
    })
    void calculates(String members, int expected, int previousQuorum, Decrease decrease, String flags,
                    String previous, int lowest, int highest, boolean quorate, int quorum, int total,
                    int highestExpected, int expectedAfter) {
        QuorumInput in = input(members, expected, previousQuorum, decrease, flags, previous, lowest, highest);
        QuorumResult r = QuorumCalculator.calculate(in);
        assertEquals(List.of(quorate, quorum, total, highestExpected, expectedAfter),
                List.of(r.quorate(), r.quorum(), r.totalVotes(), r.highestExpected(), r.expectedVotes()), r::toString);
    }

    static QuorumInput input(String members, int expected, int previousQuorum, Decrease decrease, String flags,
                             String previous, int lowest, int highest) {
        List<NodeVotes> votes = new ArrayList<>();
        for (String m : members.trim().split("\\s+")) {
            String[] f = m.split(":");
            votes.add(new NodeVotes(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2])));
        }
        QuorumOptions options = QuorumOptions.NONE;
        int floor = 0;
        int device = 0;
        for (String flag : flags.trim().split("\\s+")) {
            if (flag.equals("2n")) {
                options = options.withTwoNode(true);
            } else if (flag.equals("wfa")) {
                options = options.withWaitForAll(true);
            } else if (flag.equals("lo")) {
                options = options.withTieBreaker(TieBreaker.lowest());
            } else if (flag.equals("hi")) {
                options = options.withTieBreaker(TieBreaker.highest());
            } else if (flag.startsWith("list=")) {
                options = options.withTieBreaker(TieBreaker.list(ids(flag.substring(5))));
            } else if (flag.equals("ad")) {
                options = options.withAllowDownscale(true);
            } else if (flag.startsWith("floor=")) {
                floor = Integer.parseInt(flag.substring(6));
            } else if (flag.startsWith("dev=")) {
                device = Integer.parseInt(flag.substring(4));
            }
        }
        return QuorumInput.of(votes, expected).with(options).after(previousQuorum, decrease)
                .previously(ids(previous), lowest, highest).waiting(options.waitForAll()).floor(floor).device(device);
    }

    private static List<Integer> ids(String dotted) {
        String trimmed = dotted.trim();
        return trimmed.equals("-") ? List.of() : Arrays.stream(trimmed.split("\\.")).map(Integer::valueOf).toList();
    }
}
