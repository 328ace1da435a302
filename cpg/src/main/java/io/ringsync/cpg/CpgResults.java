package io.ringsync.cpg;

import io.ringsync.protocol.totem.TotemActor;

/** Totem's answer to a multicast as a {@link CpgResult}. */
final class CpgResults {

    private CpgResults() {
    }

    /** ACCEPTED is OK, TRY_AGAIN stays, TOO_LARGE is TOO_BIG, no answer (null) is TIMEOUT. */
    static CpgResult of(TotemActor.MulticastResult result) {
        if (result == null) {
            return CpgResult.TIMEOUT;
        }
        return switch (result) {
            case ACCEPTED -> CpgResult.OK;
            case TRY_AGAIN -> CpgResult.TRY_AGAIN;
            case TOO_LARGE -> CpgResult.TOO_BIG;
        };
    }
}
