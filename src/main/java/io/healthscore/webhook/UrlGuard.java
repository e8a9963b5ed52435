package io.healthscore.webhook;

import io.healthscore.common.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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
          Cidr.parse("64:ff9b::/96"));

  private final boolean allowHttp;
  private final List<Cidr> allowed;

  public UrlGuard(
      @ConfigProperty(name = "healthscore.webhooks.allow-http") boolean allowHttp,
      @ConfigProperty(name = "healthscore.webhooks.allowed-networks")
          Optional<List<String>> allowedNetworks) {
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
    if (address instanceof Inet6Address v6 && isIpv4Mapped(v6)) {
      byte[] b = v6.getAddress();
      try {
        return isInternal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
      } catch (UnknownHostException e) {
        return true;
      }
    }
    return address.isAnyLocalAddress()
        || address.isLoopbackAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()
        || BLOCKED.stream().anyMatch(n -> n.contains(address));
  }

  private static boolean isIpv4Mapped(Inet6Address address) {
    byte[] b = address.getAddress();
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
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
