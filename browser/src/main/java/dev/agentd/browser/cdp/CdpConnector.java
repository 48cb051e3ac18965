package dev.agentd.browser.cdp;

import java.net.URI;

/** Opens a {@link CdpTransport} to a DevTools browser endpoint. */
@FunctionalInterface
public interface CdpConnector {
    CdpTransport connect(URI endpoint, CdpTransport.Receiver receiver) throws Exception;
}
