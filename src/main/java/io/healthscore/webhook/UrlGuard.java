package io.healthscore.webhook;

import io.healthscore.common.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Keeps webhooks from reaching into the deployment's own network (SSRF): https only (http when
 * configured, for local testing), and every address the host resolves to must be public, unless it
 * lies in a network the configuration allows. Checked when a URL is saved and before every delivery
 * (DNS may change in between).
 */
@ApplicationScoped
public class UrlGuard {

  /** Networks no webhook may reach by default, besides what InetAddress classifies. */
  private static final List<Cidr> BLOCKED =
      List.of(
          Cidr.parse("0.0.0.0/8"),
          Cidr.parse("100.64.0.0/10"),
          Cidr.parse("192.0.0.0/24"),
          Cidr.parse("198.18.0.0/15"),
          Cidr.parse("240.0.0.0/4"),
          Cidr.parse("fc00::/7"),
          // NAT64 (well-known and local-use), Teredo and discard-only: IPv6 routes to IPv4
          // hosts (or nowhere) that the IPv4 checks cannot see.
          Cidr.parse("64:ff9b::/96"),
          Cidr.parse("64:ff9b:1::/48"),
          Cidr.parse("2001::/32"),
          Cidr.parse("100::/64"));

  private final boolean allowHttp;
  private final List<Cidr> allowed;

  @Inject
  public UrlGuard(WebhookConfig config) {
    this(config.allowHttp(), config.allowedNetworks());
  }

  UrlGuard(boolean allowHttp, Optional<List<String>> allowedNetworks) {
    this.allowHttp = allowHttp;
    this.allowed = allowedNetworks.orElse(List.of()).stream().map(Cidr::parse).toList();
  }

  /** The URL if a webhook may be sent to it; else a 400 problem naming the field. */
  public URI check(String field, String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException | NullPointerException e) {
      throw ApiProblem.invalid(field, "must be an absolute https URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
    if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
      throw ApiProblem.invalid(
          field, allowHttp ? "must be an http or https URL" : "must be an https URL");
    }
    if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
      throw ApiProblem.invalid(field, "must name a host, without user info or fragment");
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(uri.getHost());
    } catch (UnknownHostException e) {
      throw ApiProblem.invalid(field, "host " + uri.getHost() + " does not resolve");
    }
    for (InetAddress address : addresses) {
      if (isInternal(address) && allowed.stream().noneMatch(n -> n.contains(address))) {
        throw ApiProblem.invalid(
            field,
            "resolves to a private, loopback, link-local or "
                + "metadata address ("
                + address.getHostAddress()
                + "), which webhooks may not reach");
      }
    }
    return uri;
  }

  static boolean isInternal(InetAddress address) {
    if (address instanceof Inet6Address v6) {
      byte[] embedded = embeddedIpv4(v6.getAddress());
      if (embedded != null) {
        try {
          return isInternal(InetAddress.getByAddress(embedded));
        } catch (UnknownHostException e) {
          return true;
        }
      }
    }
    return address.isAnyLocalAddress()
        || address.isLoopbackAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()
        || BLOCKED.stream().anyMatch(n -> n.contains(address));
  }

  /**
   * The IPv4 address an IPv6 address carries, so that it is judged as that address: IPv4-mapped
   * ({@code ::ffff:a.b.c.d}), IPv4-translated ({@code ::ffff:0:a.b.c.d}), IPv4-compatible ({@code
   * ::a.b.c.d}, not {@code ::} or {@code ::1}) and 6to4 ({@code 2002:aabb:ccdd::}); else null.
   */
  static byte[] embeddedIpv4(byte[] b) {
    if (b[0] == 0x20 && b[1] == 0x02) {
      return new byte[] {b[2], b[3], b[4], b[5]};
    }
    for (int i = 0; i < 8; i++) {
      if (b[i] != 0) {
        return null;
      }
    }
    boolean zero8to11 = b[8] == 0 && b[9] == 0 && b[10] == 0 && b[11] == 0;
    boolean mapped = b[8] == 0 && b[9] == 0 && b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    boolean translated = b[8] == (byte) 0xff && b[9] == (byte) 0xff && b[10] == 0 && b[11] == 0;
    boolean compatible =
        zero8to11 && (b[12] != 0 || b[13] != 0 || b[14] != 0 || (b[15] & 0xfe) != 0);
    return mapped || translated || compatible ? new byte[] {b[12], b[13], b[14], b[15]} : null;
  }

  /** A network in CIDR notation. */
  record Cidr(byte[] network, int prefix) {

    static Cidr parse(String cidr) {
      String[] parts = cidr.trim().split("/");
      try {
        byte[] network = InetAddress.getByName(parts[0]).getAddress();
        int prefix = parts.length > 1 ? Integer.parseInt(parts[1]) : network.length * 8;
        return new Cidr(network, prefix);
      } catch (UnknownHostException | NumberFormatException e) {
        throw new IllegalArgumentException("not a CIDR network: " + cidr, e);
      }
    }

    boolean contains(InetAddress address) {
      byte[] bytes = address.getAddress();
      if (bytes.length != network.length
          || (address instanceof Inet4Address) != (network.length == 4)) {
        return false;
      }
      for (int bit = 0; bit < prefix; bit++) {
        int mask = 0x80 >> (bit % 8);
        if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }
}
