package io.healthscore.analytics;

import io.healthscore.scoring.AccountFacts;
import io.healthscore.scoring.Bands;
import io.healthscore.scoring.HealthResult;
import io.healthscore.scoring.HealthResult.MeasureResult;
import io.healthscore.scoring.Measure;
import io.healthscore.scoring.MeasureGroup;
import io.healthscore.scoring.MeasureStatus;
import io.healthscore.scoring.Normaliser;
import io.healthscore.scoring.Scorecard;
import io.healthscore.scoring.Segment;
import io.healthscore.scoring.WeightedMeanEngine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Learns a scorecard from outcomes: each measure's shape (binned churn evidence as weight of
 * evidence, or its current normaliser where there are too few outcomes), its direction and its
 * weight (a regularised logistic regression over all measures), leaving out measures without
 * reliable evidence. The learned normalisers map each measure's share of the regression's log-odds
 * onto 0-100 and the weights are those shares' ranges, so that when every measure is present the
 * score is a linear function of the regression's prediction: it ranks accounts as the regression
 * does. Plain Java: a pure function of the current scorecard and the point-in-time results.
 */
public final class ScorecardLearner {

  /** Outcomes a numeric measure needs before its shape is learned rather than its direction. */
  static final int MIN_TO_BIN = 100;

  static final int MIN_EACH_TO_BIN = 20;
  static final int MAX_STEPS = 8;

  /** Outcomes a segment value needs (in all, and of each kind) for weights of its own. */
  static final int MIN_SEGMENT_ROWS = 200;

  static final int MIN_SEGMENT_EACH = 30;

  /** What happened to one measure, and why. */
  public record MeasureChange(
      String measureId,
      String groupId,
      String action,
      String shape,
      String reason,
      Double coefficient,
      Double coefficientLower,
      Double coefficientUpper,
      Double informationValue,
      double proposedWeight) {}

  /** The learned scorecard (bands as given) with what changed per measure and notes. */
  public record Learned(Scorecard scorecard, List<MeasureChange> measures, List<String> notes) {}

  /** The evidence of one measure: its feature per row, and how to turn health into a normaliser. */
  private static final class Evidence {
    final Measure measure;
    final String groupId;
    final double[] feature;
    String kind; // binned, labels, boolean, linear
    Binning.Result bins;
    double[] woe; // per bin or category
    List<String> labels; // categories of a label measure
    Double informationValue;
    String dropReason;
    WeightLearning.Fit fit;
    int column = -1;

    Evidence(Measure measure, String groupId, int rows) {
      this.measure = measure;
      this.groupId = groupId;
      this.feature = new double[rows];
    }
  }

  private ScorecardLearner() {}

  /**
   * Learns from point-in-time results of the current scorecard and whether each account churned.
   */
  public static Learned learn(
      Scorecard current, List<HealthResult> results, boolean[] churned, double lambda) {
    List<Evidence> evidence = new ArrayList<>();
    for (MeasureGroup group : current.groups()) {
      for (Measure measure : group.measures()) {
        evidence.add(evidence(measure, group.id(), results, churned));
      }
    }
    // Backward elimination: refit without the least reliable measure until every one is reliable.
    // Reliable at 95 % for all the measures tested together (Bonferroni): one by one at 95 %, one
    // noise measure in three would stay in a scorecard of nine.
    int tested = (int) evidence.stream().filter(e -> e.dropReason == null).count();
    double threshold =
        new NormalDistribution().inverseCumulativeProbability(1 - 0.05 / (2 * Math.max(1, tested)));
    while (true) {
      List<Evidence> kept = evidence.stream().filter(e -> e.dropReason == null).toList();
      if (kept.isEmpty()) {
        break;
      }
      double[][] x = new double[results.size()][kept.size()];
      for (int j = 0; j < kept.size(); j++) {
        kept.get(j).column = j;
        for (int i = 0; i < results.size(); i++) {
          x[i][j] = kept.get(j).feature[i];
        }
      }
      WeightLearning.Fit fit = WeightLearning.fit(x, churned, lambda);
      Evidence weakest = null;
      for (Evidence e : kept) {
        e.fit = fit;
        if (Math.abs(fit.z(e.column)) < threshold
            && (weakest == null || Math.abs(fit.z(e.column)) < Math.abs(fit.z(weakest.column)))) {
          weakest = e;
        }
      }
      if (weakest == null) {
        break;
      }
      double half = threshold * fit.standardErrors()[weakest.column];
      double coefficient = fit.coefficients()[weakest.column];
      weakest.dropReason =
          String.format(
              Locale.ROOT,
              "no reliable evidence beside the other measures: coefficient %.3f, its interval"
                  + " %.3f to %.3f (95 %% for the %d measures tested together) spans 0",
              coefficient,
              coefficient - half,
              coefficient + half,
              tested);
      weakest.fit = fit;
    }
    return build(current, evidence);
  }

  private static Evidence evidence(
      Measure measure, String groupId, List<HealthResult> results, boolean[] churned) {
    Evidence e = new Evidence(measure, groupId, results.size());
    List<Integer> present = new ArrayList<>();
    // Each row's result for this measure, looked up once.
    MeasureResult[] of = new MeasureResult[results.size()];
    for (int i = 0; i < results.size(); i++) {
      MeasureResult m = find(results.get(i), measure.id());
      of[i] = m;
      if (m != null
          && m.status() == MeasureStatus.PRESENT
          && (m.rawValue() != null || m.rawLabel() != null)) {
        present.add(i);
      }
    }
    int churnedPresent = 0;
    for (int i : present) {
      churnedPresent += churned[i] ? 1 : 0;
    }
    int retainedPresent = present.size() - churnedPresent;
    if (churnedPresent == 0 || retainedPresent == 0) {
      e.dropReason = "no outcomes of both kinds among the accounts that had it";
      return e;
    }
    Normaliser normaliser = measure.normaliser();
    if (normaliser instanceof Normaliser.LabelMap || normaliser instanceof Normaliser.BooleanMap) {
      e.kind = normaliser instanceof Normaliser.LabelMap ? "labels" : "boolean";
      Map<String, int[]> counts = new TreeMap<>();
      Map<Integer, String> categoryOf = new HashMap<>();
      for (int i : present) {
        MeasureResult m = of[i];
        String category =
            e.kind.equals("labels")
                ? m.rawLabel()
                : m.rawValue() != null && m.rawValue() >= 0.5 ? "true" : "false";
        categoryOf.put(i, category);
        int[] c = counts.computeIfAbsent(category, k -> new int[2]);
        c[0]++;
        c[1] += churned[i] ? 1 : 0;
      }
      if (counts.size() < 2) {
        e.dropReason = "every account with it had the same value";
        return e;
      }
      e.labels = new ArrayList<>(counts.keySet());
      e.woe = new double[e.labels.size()];
      double iv = 0;
      for (int b = 0; b < e.labels.size(); b++) {
        int[] c = counts.get(e.labels.get(b));
        e.woe[b] = woe(c[0] - c[1], c[1], retainedPresent, churnedPresent);
        iv +=
            ((double) (c[0] - c[1]) / retainedPresent - (double) c[1] / churnedPresent) * e.woe[b];
      }
      e.informationValue = iv;
      for (int i : present) {
        e.feature[i] = e.woe[e.labels.indexOf(categoryOf.get(i))];
      }
    } else if (present.size() >= MIN_TO_BIN
        && churnedPresent >= MIN_EACH_TO_BIN
        && retainedPresent >= MIN_EACH_TO_BIN) {
      e.kind = "binned";
      double[] values = new double[present.size()];
      boolean[] labels = new boolean[present.size()];
      for (int k = 0; k < present.size(); k++) {
        values[k] = of[present.get(k)].rawValue();
        labels[k] = churned[present.get(k)];
      }
      e.bins =
          Binning.bin(
              values, labels, new Binning.Limits(Math.max(20, present.size() / 20), 5, MAX_STEPS));
      if (e.bins.bins().size() < 2) {
        e.dropReason = "no split of its values separates churned from retained accounts";
        return e;
      }
      if (!stepsBeatLine(e.bins, present, of, labels)) {
        return linear(e, present, of);
      }
      e.woe = new double[e.bins.bins().size()];
      double iv = 0;
      for (int b = 0; b < e.woe.length; b++) {
        Binning.Bin bin = e.bins.bins().get(b);
        e.woe[b] =
            woe(bin.accounts() - bin.churned(), bin.churned(), retainedPresent, churnedPresent);
        iv +=
            ((double) (bin.accounts() - bin.churned()) / retainedPresent
                    - (double) bin.churned() / churnedPresent)
                * e.woe[b];
      }
      e.informationValue = iv;
      for (int k = 0; k < present.size(); k++) {
        e.feature[present.get(k)] = e.woe[e.bins.binOf(values[k])];
      }
    } else {
      return linear(e, present, of);
    }
    return e;
  }

  /**
   * Whether the binned evidence fits churn better than a straight line through the current
   * normaliser's values, by the Bayesian information criterion: each step beyond a line's two
   * parameters has to earn log(n) of deviance. A linear effect keeps its one coefficient instead of
   * steps estimated bin by bin (noisier on new accounts); a saturating or U-shaped one gets its
   * steps.
   */
  private static boolean stepsBeatLine(
      Binning.Result bins, List<Integer> present, MeasureResult[] of, boolean[] churned) {
    double[][] x = new double[present.size()][1];
    for (int k = 0; k < present.size(); k++) {
      Double normalised = of[present.get(k)].normalised();
      x[k][0] = normalised == null ? 0.5 : normalised / 100;
    }
    WeightLearning.Fit line = WeightLearning.fit(x, churned, 0);
    double lineLikelihood = 0;
    for (int k = 0; k < present.size(); k++) {
      double p = 1 / (1 + Math.exp(line.health(x[k])));
      lineLikelihood += Math.log(churned[k] ? p : 1 - p);
    }
    double gain = 2 * (Binning.logLikelihood(bins.bins()) - lineLikelihood);
    return gain > Math.log(present.size()) * (bins.bins().size() - 2);
  }

  /** The current normaliser's value as the feature (missing: its mean); direction learned. */
  private static Evidence linear(Evidence e, List<Integer> present, MeasureResult[] of) {
    e.kind = "linear";
    e.bins = null;
    e.woe = null;
    e.informationValue = null;
    double sum = 0;
    for (int i : present) {
      Double normalised = of[i].normalised();
      e.feature[i] = normalised == null ? 0.5 : normalised / 100;
      sum += e.feature[i];
    }
    double mean = sum / present.size();
    boolean[] isPresent = new boolean[of.length];
    present.forEach(i -> isPresent[i] = true);
    for (int i = 0; i < of.length; i++) {
      if (!isPresent[i]) {
        e.feature[i] = mean;
      }
    }
    return e;
  }

  /** Weight of evidence, smoothed by half an account: higher is healthier (more retained). */
  private static double woe(int retained, int churned, int allRetained, int allChurned) {
    return Math.log((retained + 0.5) / (allRetained + 0.5))
        - Math.log((churned + 0.5) / (allChurned + 0.5));
  }

  private static Learned build(Scorecard current, List<Evidence> evidence) {
    List<String> notes = new ArrayList<>();
    Map<String, Measure> learnedMeasures = new HashMap<>();
    Map<String, Double> rawWeights = new HashMap<>();
    Map<String, String> shapes = new HashMap<>();
    for (Evidence e : evidence) {
      if (e.dropReason != null) {
        continue;
      }
      double c = e.fit.coefficients()[e.column];
      Normaliser normaliser;
      double range;
      if (e.kind.equals("linear")) {
        // Health -c x on x in [0, 1]: the current normaliser, mirrored when churn rises with it.
        range = Math.abs(c);
        normaliser = c > 0 ? mirrored(e.measure.normaliser()) : e.measure.normaliser();
        shapes.put(e.measure.id(), "linear");
      } else {
        double[] health = new double[e.woe.length];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int b = 0; b < health.length; b++) {
          health[b] = -c * e.woe[b];
          lo = Math.min(lo, health[b]);
          hi = Math.max(hi, health[b]);
        }
        range = hi - lo;
        double[] points = new double[health.length];
        for (int b = 0; b < health.length; b++) {
          points[b] = range == 0 ? 50 : round1(100 * (health[b] - lo) / range);
        }
        normaliser = normaliser(e, points, -lo, range);
        shapes.put(e.measure.id(), shape(e, points));
      }
      if (!(range > 1e-9)) {
        e.dropReason = "its learned contribution does not vary";
        continue;
      }
      rawWeights.put(e.measure.id(), range);
      learnedMeasures.put(
          e.measure.id(),
          new Measure(
              e.measure.id(),
              e.measure.signal(),
              e.measure.aggregation(),
              e.measure.window(),
              e.measure.staleAfter(),
              normaliser,
              0,
              e.measure.critical(),
              e.measure.halfLife()));
    }
    double total = rawWeights.values().stream().mapToDouble(Double::doubleValue).sum();
    List<MeasureGroup> groups = new ArrayList<>();
    Map<String, Double> shares = new HashMap<>();
    for (MeasureGroup group : current.groups()) {
      List<Measure> measures = new ArrayList<>();
      double groupWeight = 0;
      for (Measure m : group.measures()) {
        Measure learned = learnedMeasures.get(m.id());
        if (learned == null) {
          continue;
        }
        double weight = Math.max(0.01, Math.round(rawWeights.get(m.id()) / total * 10_000) / 100.0);
        shares.put(m.id(), rawWeights.get(m.id()) / total);
        groupWeight += weight;
        measures.add(learned.withWeight(weight));
      }
      if (measures.isEmpty()) {
        notes.add("Group " + group.id() + " is left out: none of its measures was kept.");
      } else {
        groups.add(
            new MeasureGroup(
                group.id(), group.name(), Math.round(groupWeight * 100) / 100.0, measures));
      }
    }
    List<Segment> segments = new ArrayList<>();
    for (Segment s : current.segments()) {
      if (!s.groupWeights().isEmpty() || !s.measureWeights().isEmpty()) {
        notes.add(
            "Segment "
                + s.id()
                + " keeps its conditions, bands and coverage; its own weights are replaced by"
                + " the learned ones.");
      }
      segments.add(new Segment(s.id(), s.when(), null, null, s.bands(), s.minCoverage()));
    }
    if (!WeightedMeanEngine.ID.equals(current.engine())) {
      notes.add(
          "Engine "
              + current.engine()
              + " is replaced by weighted_mean: the learned weights are weights of a weighted"
              + " mean.");
    }
    Scorecard scorecard =
        new Scorecard(
            current.id(),
            current.version(),
            current.name(),
            groups,
            current.bands(),
            current.minCoverage(),
            WeightedMeanEngine.ID,
            Map.of(),
            segments);
    List<MeasureChange> changes = new ArrayList<>();
    for (Evidence e : evidence) {
      Double coefficient = null;
      Double lower = null;
      Double upper = null;
      if (e.fit != null && e.column >= 0) {
        coefficient = round4(e.fit.coefficients()[e.column]);
        double[] interval = e.fit.interval(e.column);
        lower = round4(interval[0]);
        upper = round4(interval[1]);
      }
      String action;
      String reason;
      if (e.dropReason != null) {
        action = "dropped";
        reason = e.dropReason;
      } else {
        boolean reversed = reversed(e.measure.normaliser(), learnedMeasures.get(e.measure.id()));
        action = reversed ? "reversed" : "kept";
        reason = reason(e, reversed);
      }
      changes.add(
          new MeasureChange(
              e.measure.id(),
              e.groupId,
              action,
              e.dropReason != null ? null : shapes.get(e.measure.id()),
              reason,
              coefficient,
              lower,
              upper,
              e.informationValue == null ? null : round4(e.informationValue),
              round4(shares.getOrDefault(e.measure.id(), 0.0))));
    }
    return new Learned(scorecard, changes, notes);
  }

  private static String reason(Evidence e, boolean reversed) {
    String evidence =
        switch (e.kind) {
          case "binned" ->
              e.bins.bins().size()
                  + " steps from binned churn evidence"
                  + (e.bins.monotone() ? "" : " (churn is not monotone in its value)");
          case "labels" -> "a score per label from churn evidence";
          case "boolean" -> "a score for true and for false from churn evidence";
          default ->
              "its normaliser kept (a straight line fits its churn evidence as well as steps, or"
                  + " too few outcomes for steps), its direction learned";
        };
    return reversed
        ? "higher values went with more churn: its direction is reversed; " + evidence
        : evidence;
  }

  /** The normaliser of a binned, label or boolean measure with points per bin or category. */
  private static Normaliser normaliser(Evidence e, double[] points, double neutral, double range) {
    switch (e.kind) {
      case "labels" -> {
        Map<String, Double> scores = new LinkedHashMap<>();
        for (int b = 0; b < points.length; b++) {
          scores.put(e.labels.get(b), points[b]);
        }
        // Labels the scorecard knows but the outcomes never showed: neutral evidence (woe 0).
        if (e.measure.normaliser() instanceof Normaliser.LabelMap map) {
          for (String label : map.scores().keySet()) {
            scores.putIfAbsent(
                label, range == 0 ? 50 : round1(Math.max(0, Math.min(100, 100 * neutral / range))));
          }
        }
        return new Normaliser.LabelMap(scores);
      }
      case "boolean" -> {
        int whenTrue = e.labels.indexOf("true");
        int whenFalse = e.labels.indexOf("false");
        return new Normaliser.BooleanMap(points[whenTrue], points[whenFalse]);
      }
      default -> {
        List<Normaliser.Step> steps = new ArrayList<>();
        for (int b = 0; b < points.length; b++) {
          if (steps.isEmpty() || steps.get(steps.size() - 1).score() != points[b]) {
            steps.add(new Normaliser.Step(e.bins.bins().get(b).from(), points[b]));
          }
        }
        return new Normaliser.Steps(steps);
      }
    }
  }

  private static String shape(Evidence e, double[] points) {
    if (!e.kind.equals("binned")) {
      return e.kind;
    }
    int top = 0;
    int bottom = 0;
    for (int b = 1; b < points.length; b++) {
      top = points[b] > points[top] ? b : top;
      bottom = points[b] < points[bottom] ? b : bottom;
    }
    boolean rising = true;
    boolean falling = true;
    for (int b = 1; b < points.length; b++) {
      rising &= points[b] >= points[b - 1];
      falling &= points[b] <= points[b - 1];
    }
    if (rising) {
      return "rising";
    }
    if (falling) {
      return "falling";
    }
    return top > 0 && top < points.length - 1 ? "middle_best" : "middle_worst";
  }

  /** Whether the learned normaliser runs against the current one (higher value, lower health). */
  static boolean reversed(Normaliser current, Measure learned) {
    int before = direction(current);
    int after = direction(learned.normaliser());
    return before != 0 && after != 0 && before != after;
  }

  /** +1 when health rises with the value, -1 when it falls, 0 when neither or not a number. */
  private static int direction(Normaliser n) {
    if (n instanceof Normaliser.LinearRange) {
      return 1;
    }
    if (n instanceof Normaliser.InvertedRange) {
      return -1;
    }
    if (n instanceof Normaliser.BooleanMap b) {
      return (int) Math.signum(b.whenTrue() - b.whenFalse());
    }
    if (n instanceof Normaliser.Steps s) {
      boolean rising = true;
      boolean falling = true;
      for (int i = 1; i < s.steps().size(); i++) {
        rising &= s.steps().get(i).score() >= s.steps().get(i - 1).score();
        falling &= s.steps().get(i).score() <= s.steps().get(i - 1).score();
      }
      double span = s.steps().get(s.steps().size() - 1).score() - s.steps().get(0).score();
      return rising && span > 0 ? 1 : falling && span < 0 ? -1 : 0;
    }
    return 0;
  }

  /** The normaliser with health running the other way. */
  static Normaliser mirrored(Normaliser n) {
    if (n instanceof Normaliser.LinearRange r) {
      return new Normaliser.InvertedRange(r.min(), r.max());
    }
    if (n instanceof Normaliser.InvertedRange r) {
      return new Normaliser.LinearRange(r.min(), r.max());
    }
    if (n instanceof Normaliser.BooleanMap b) {
      return new Normaliser.BooleanMap(b.whenFalse(), b.whenTrue());
    }
    if (n instanceof Normaliser.Steps s) {
      return new Normaliser.Steps(
          s.steps().stream().map(t -> new Normaliser.Step(t.from(), 100 - t.score())).toList());
    }
    Normaliser.LabelMap labels = (Normaliser.LabelMap) n;
    Map<String, Double> scores = new TreeMap<>();
    labels.scores().forEach((label, score) -> scores.put(label, 100 - score));
    return new Normaliser.LabelMap(scores);
  }

  /**
   * Bands by risk: red where the odds of churn are at least twice the book's, green where they are
   * at most half, from a logistic fit of churn on the score. The given bands when the score does
   * not rank churn.
   */
  public static Bands bands(double[] scores, boolean[] churned, Bands given) {
    int n = scores.length;
    int c = 0;
    double[][] x = new double[n][1];
    for (int i = 0; i < n; i++) {
      x[i][0] = scores[i] / 100;
      c += churned[i] ? 1 : 0;
    }
    if (c == 0 || c == n) {
      return given;
    }
    WeightLearning.Fit fit = WeightLearning.fit(x, churned, 0);
    double slope = fit.coefficients()[0];
    if (!(slope < 0) || !Double.isFinite(fit.intercept())) {
      return given;
    }
    double base = Math.log((double) c / (n - c));
    double red = Math.round(100 * (base + Math.log(2) - fit.intercept()) / slope);
    double green = Math.round(100 * (base - Math.log(2) - fit.intercept()) / slope);
    red = Math.max(1, Math.min(98, red));
    green = Math.max(red + 1, Math.min(99, green));
    return new Bands(red, green);
  }

  /**
   * Weights of the learned scorecard's own for each value of {@code attribute} with enough
   * outcomes: a logistic fit of churn on the learned normalised values within the value's accounts,
   * measures that do not protect there kept at the smallest weight. Placed before the scorecard's
   * other segments.
   */
  public static Scorecard withSegments(
      Scorecard learned,
      List<HealthResult> results,
      List<AccountFacts> facts,
      boolean[] churned,
      String attribute,
      double lambda) {
    List<Measure> measures = learned.measures();
    Map<String, List<Integer>> byValue = new TreeMap<>();
    for (int i = 0; i < facts.size(); i++) {
      String value = facts.get(i).attributes().get(attribute);
      if (value != null) {
        byValue.computeIfAbsent(value, k -> new ArrayList<>()).add(i);
      }
    }
    List<Segment> segments = new ArrayList<>();
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (Map.Entry<String, List<Integer>> entry : byValue.entrySet()) {
      List<Integer> rows = entry.getValue();
      int c = 0;
      for (int i : rows) {
        c += churned[i] ? 1 : 0;
      }
      if (rows.size() < MIN_SEGMENT_ROWS
          || c < MIN_SEGMENT_EACH
          || rows.size() - c < MIN_SEGMENT_EACH) {
        continue;
      }
      double[][] x = new double[rows.size()][measures.size()];
      boolean[] y = new boolean[rows.size()];
      for (int j = 0; j < measures.size(); j++) {
        double sum = 0;
        int seen = 0;
        for (int k = 0; k < rows.size(); k++) {
          Double v =
              normalised(measures.get(j), find(results.get(rows.get(k)), measures.get(j).id()));
          x[k][j] = v == null ? Double.NaN : v / 100;
          if (v != null) {
            sum += v / 100;
            seen++;
          }
        }
        double mean = seen == 0 ? 0.5 : sum / seen;
        for (int k = 0; k < rows.size(); k++) {
          x[k][j] = Double.isNaN(x[k][j]) ? mean : x[k][j];
          y[k] = churned[rows.get(k)];
        }
      }
      WeightLearning.Fit fit = WeightLearning.fit(x, y, lambda);
      double total = 0;
      for (double coefficient : fit.coefficients()) {
        total += Math.max(0, -coefficient);
      }
      if (total == 0) {
        continue;
      }
      Map<String, Double> measureWeights = new TreeMap<>();
      Map<String, Double> groupWeights = new TreeMap<>();
      Map<String, String> groupOf = new HashMap<>();
      learned.groups().forEach(g -> g.measures().forEach(m -> groupOf.put(m.id(), g.id())));
      for (int j = 0; j < measures.size(); j++) {
        double weight =
            Math.max(
                0.01, Math.round(Math.max(0, -fit.coefficients()[j]) / total * 10_000) / 100.0);
        measureWeights.put(measures.get(j).id(), weight);
        groupWeights.merge(groupOf.get(measures.get(j).id()), weight, Double::sum);
      }
      groupWeights.replaceAll((g, w) -> Math.round(w * 100) / 100.0);
      String id = segmentId(attribute, entry.getKey(), ids);
      segments.add(
          new Segment(
              id,
              List.of(new Segment.Condition.Equals(attribute, entry.getKey())),
              groupWeights,
              measureWeights,
              null,
              null));
    }
    if (segments.isEmpty()) {
      return learned;
    }
    segments.addAll(learned.segments());
    return learned.withSegments(segments);
  }

  private static String segmentId(String attribute, String value, java.util.Set<String> taken) {
    String base =
        ("learned-" + attribute + "-" + value)
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9_-]", "-");
    base = base.length() > 60 ? base.substring(0, 60) : base;
    String id = base;
    for (int n = 2; !taken.add(id); n++) {
      id = base + "-" + n;
    }
    return id;
  }

  /** The learned normaliser's value for a point-in-time measure result (null when missing). */
  static Double normalised(Measure measure, MeasureResult m) {
    if (m == null || m.status() != MeasureStatus.PRESENT) {
      return null;
    }
    if (m.rawLabel() != null) {
      return measure.normaliser().normaliseLabel(m.rawLabel());
    }
    return m.rawValue() == null ? null : measure.normaliser().normalise(m.rawValue());
  }

  static MeasureResult find(HealthResult result, String measureId) {
    for (HealthResult.GroupResult group : result.groups()) {
      for (MeasureResult m : group.measures()) {
        if (m.id().equals(measureId)) {
          return m;
        }
      }
    }
    return null;
  }

  private static double round1(double value) {
    return Math.round(value * 10) / 10.0;
  }

  private static double round4(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }
}
