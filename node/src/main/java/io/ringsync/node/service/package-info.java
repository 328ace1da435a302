/** How the node runs its replicated services (quorum, CPG, CKPT) on Totem: their registration and wiring. */
package io.ringsync.node.service;
