package io.healthscore.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthscore.common.ApiProblem;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UrlGuardTest {

  final UrlGuard strict = new UrlGuard(false, Optional.empty());

  @Test
  void only_https_unless_http_is_allowed() {
    assertThrows(ApiProblem.class, () -> strict.check("url", "http://93.184.216.34/hook"));
    assertEquals("https", strict.check("url", "https://93.184.216.34/hook").getScheme());
    assertEquals(
        "http",
        new UrlGuard(true, Optional.empty()).check("url", "http://93.184.216.34/hook").getScheme());
  }

  @Test
  void internal_addresses_are_refused_unless_their_network_is_allowed() {
    for (String host :
        List.of(
            "127.0.0.1",
            "10.0.0.1",
            "172.16.5.4",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "[::1]",
            "[fd00:ec2::254]",
            "[fe80::1]",
            "[::ffff:127.0.0.1]",
            // IPv6 forms that carry or route to an internal IPv4 address
            "[2002:a9fe:a9fe::]", // 6to4 of 169.254.169.254
            "[2002:7f00:1::1]", // 6to4 of 127.0.0.1
            "[64:ff9b:1::a9fe:a9fe]", // local-use NAT64
            "[64:ff9b::a9fe:a9fe]", // well-known NAT64
            "[::a9fe:a9fe]", // IPv4-compatible
            "[::ffff:0:a9fe:a9fe]", // IPv4-translated
            "[::ffff:0:7f00:1]",
            "[2001:0:4136:e378:8000:63bf:3fff:fdd2]", // Teredo
            "[100::1]", // discard-only
            "localhost")) {
      ApiProblem problem =
          assertThrows(
              ApiProblem.class, () -> strict.check("url", "https://" + host + "/hook"), host);
      assertEquals("url", problem.errors().get(0).field());
    }
    UrlGuard allowing = new UrlGuard(false, Optional.of(List.of("127.0.0.0/8")));
    allowing.check("url", "https://127.0.0.1:8443/hook");
    assertThrows(ApiProblem.class, () -> allowing.check("url", "https://10.0.0.1/hook"));
  }

  @Test
  void public_addresses_are_not_internal() throws Exception {
    assertFalse(UrlGuard.isInternal(InetAddress.getByName("93.184.216.34")));
    assertFalse(UrlGuard.isInternal(InetAddress.getByName("2606:2800:220:1::")));
    assertTrue(UrlGuard.isInternal(InetAddress.getByName("198.18.0.1")));
    // 6to4 of a public address is judged as that address
    assertFalse(UrlGuard.isInternal(InetAddress.getByName("2002:5db8:d822::1")));
  }
}
