package io.healthscore.analytics;

import io.healthscore.common.DayDurations;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The calibration report as one SVG picture (no script, no fonts to fetch): the ROC curve with its
 * AUC beside chance, churn per band with 95 % intervals, and churn by score decile.
 */
final class CalibrationChart {

  static final String MEDIA_TYPE = "image/svg+xml";

  private static final int PANEL = 260;
  private static final int TOP = 70;
  private static final int LEFT = 50;
  private static final int GAP = 70;
  private static final Map<String, String> COLOURS =
      Map.of("red", "#d64545", "yellow", "#e0b000", "green", "#2e9e5b", "unknown", "#999999");

  private CalibrationChart() {}

  static String svg(CalibrationReport report) {
    int width = LEFT + 3 * PANEL + 2 * GAP + 30;
    int height = TOP + PANEL + 60;
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d"
                + " %d\" font-family=\"sans-serif\" font-size=\"12\">\n",
            width,
            height,
            width,
            height));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    text(
        svg,
        LEFT,
        24,
        16,
        "start",
        "Does the score predict churn? Scorecard "
            + report.scorecardId()
            + " v"
            + report.scorecardVersion()
            + " ("
            + report.source()
            + "), score taken "
            + DayDurations.format(report.horizon())
            + " before each decision");
    text(
        svg,
        LEFT,
        44,
        12,
        "start",
        report.outcomes()
            + " decisions, "
            + report.excluded()
            + " without a score; churn overall "
            + percent(report.overall().churnRate()));
    roc(svg, report, LEFT);
    bands(svg, report, LEFT + PANEL + GAP);
    deciles(svg, report, LEFT + 2 * (PANEL + GAP));
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static void roc(StringBuilder svg, CalibrationReport report, int x0) {
    frame(svg, x0, "ROC curve", "retained accounts flagged", "churned accounts flagged");
    ticks(svg, x0, 1);
    text(svg, x0 + PANEL, TOP + PANEL + 16, 10, "middle", "100 %");
    line(svg, x0, TOP + PANEL, x0 + PANEL, TOP, "#bbbbbb", "4 4");
    StringBuilder points = new StringBuilder();
    for (CalibrationStats.RocPoint p : report.roc()) {
      points.append(
          String.format(
              Locale.ROOT,
              "%.1f,%.1f ",
              x0 + p.falsePositiveRate() * PANEL,
              TOP + PANEL - p.truePositiveRate() * PANEL));
    }
    svg.append("<polyline fill=\"none\" stroke=\"#1f5fbf\" stroke-width=\"2\" points=\"")
        .append(points.toString().trim())
        .append("\"/>\n");
    text(
        svg,
        x0 + PANEL - 6,
        TOP + PANEL - 30,
        12,
        "end",
        "AUC " + number(report.auc()) + interval(report.aucLower(), report.aucUpper()));
    text(
        svg,
        x0 + PANEL - 6,
        TOP + PANEL - 12,
        11,
        "end",
        "shuffled outcomes " + number(report.aucWithShuffledOutcomes()) + " (chance)");
  }

  private static void bands(StringBuilder svg, CalibrationReport report, int x0) {
    frame(svg, x0, "Churn per band (95 % interval)", "band", "churn rate");
    List<String> shown = List.of("red", "yellow", "green", "unknown");
    double top =
        scaleTop(report.bands().values().stream().map(CalibrationStats.Rate::upper).toList());
    ticks(svg, x0, top);
    int slot = PANEL / shown.size();
    for (int b = 0; b < shown.size(); b++) {
      CalibrationStats.Rate rate = report.bands().get(shown.get(b));
      int x = x0 + b * slot + slot / 4;
      text(svg, x + slot / 4, TOP + PANEL + 16, 11, "middle", shown.get(b));
      if (rate == null || rate.churnRate() == null) {
        continue;
      }
      bar(svg, x, slot / 2, rate, top, COLOURS.get(shown.get(b)));
      text(
          svg,
          x + slot / 4,
          TOP + PANEL - (int) (rate.upper() / top * PANEL) - 6,
          10,
          "middle",
          percent(rate.churnRate()) + " of " + rate.accounts());
    }
  }

  private static void deciles(StringBuilder svg, CalibrationReport report, int x0) {
    frame(svg, x0, "Churn by score decile", "score", "churn rate");
    double top = scaleTop(report.reliability().stream().map(d -> d.churn().upper()).toList());
    ticks(svg, x0, top);
    int slot = PANEL / 10;
    for (int d = 0; d < report.reliability().size(); d++) {
      CalibrationReport.Decile decile = report.reliability().get(d);
      int x = x0 + d * slot + 2;
      if (d % 2 == 0) {
        text(
            svg, x0 + d * slot, TOP + PANEL + 16, 10, "middle", String.valueOf(decile.scoreFrom()));
      }
      if (decile.churn().churnRate() != null) {
        bar(svg, x, slot - 4, decile.churn(), top, "#1f5fbf");
      }
    }
    text(svg, x0 + PANEL, TOP + PANEL + 16, 10, "middle", "100");
  }

  private static void bar(
      StringBuilder svg, int x, int width, CalibrationStats.Rate rate, double top, String colour) {
    double height = rate.churnRate() / top * PANEL;
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\"/>\n",
            x,
            TOP + PANEL - height,
            width,
            height,
            colour));
    int middle = x + width / 2;
    line(
        svg,
        middle,
        TOP + PANEL - rate.lower() / top * PANEL,
        middle,
        TOP + PANEL - rate.upper() / top * PANEL,
        "#333333",
        null);
  }

  private static void frame(StringBuilder svg, int x0, String title, String xLabel, String yLabel) {
    text(svg, x0 + PANEL / 2, TOP - 10, 13, "middle", title);
    line(svg, x0, TOP, x0, TOP + PANEL, "#333333", null);
    line(svg, x0, TOP + PANEL, x0 + PANEL, TOP + PANEL, "#333333", null);
    text(svg, x0 + PANEL / 2, TOP + PANEL + 34, 11, "middle", xLabel);
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" transform=\"rotate(-90"
                + " %d %d)\">%s</text>\n",
            x0 - 38,
            TOP + PANEL / 2,
            x0 - 38,
            TOP + PANEL / 2,
            escape(yLabel)));
  }

  /** Labels 0, half and the top of a rate axis, with faint guide lines. */
  private static void ticks(StringBuilder svg, int x0, double top) {
    for (double share : new double[] {0, 0.5, 1}) {
      int y = TOP + PANEL - (int) Math.round(share * PANEL);
      if (share > 0) {
        line(svg, x0, y, x0 + PANEL, y, "#eeeeee", null);
      }
      text(svg, x0 - 4, y + 4, 10, "end", percent(share * top).replace(".0 %", " %"));
    }
  }

  /** A round upper end for a rate axis: 10 %, 20 %, ... up to 100 %. */
  private static double scaleTop(List<Double> uppers) {
    double max = 0;
    for (Double u : uppers) {
      max = u == null ? max : Math.max(max, u);
    }
    return Math.max(0.1, Math.min(1, Math.ceil(max * 10) / 10));
  }

  private static void line(
      StringBuilder svg, double x1, double y1, double x2, double y2, String colour, String dash) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>\n",
            x1,
            y1,
            x2,
            y2,
            colour,
            dash == null ? "" : " stroke-dasharray=\"" + dash + "\""));
  }

  private static void text(
      StringBuilder svg, int x, int y, int size, String anchor, String content) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" font-size=\"%d\" text-anchor=\"%s\">%s</text>\n",
            x,
            y,
            size,
            anchor,
            escape(content)));
  }

  private static String number(Double value) {
    return value == null ? "n/a" : String.format(Locale.ROOT, "%.3f", value);
  }

  private static String interval(Double lower, Double upper) {
    return lower == null ? "" : String.format(Locale.ROOT, " (%.3f to %.3f)", lower, upper);
  }

  private static String percent(Double rate) {
    return rate == null ? "n/a" : String.format(Locale.ROOT, "%.1f %%", rate * 100);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
