/** Who a side is (its key pair and self-signed certificate) and whom it trusts (the peers it paired with). */
package io.dorsal.link.identity;
