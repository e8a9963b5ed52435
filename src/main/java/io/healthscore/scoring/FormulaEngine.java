package io.healthscore.scoring;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A CEL expression (Common Expression Language) over the scores of the present measures and groups,
 * returning a 0-100 score; results outside are clamped. Variables: {@code score} (the weighted
 * arithmetic mean), {@code measures} and {@code groups} (maps from id to 0-100 score, holding only
 * those with data: test with {@code has(measures.nps)} or {@code 'nps' in measures}). Numbers are
 * doubles: write {@code 50.0}, not {@code 50}. The CEL math extension is available ({@code
 * math.least}, {@code math.greatest}).
 *
 * <p>The formula is parsed and type-checked when the scorecard is saved, and tried with every
 * measure present and with each one missing, so a formula that breaks on missing data is refused
 * then rather than at scoring time. Cost is bounded: the expression is at most {@value #MAX_LENGTH}
 * characters and {@value #MAX_NODES} nodes, and comprehensions (all, exists, map, filter) run at
 * most {@value #MAX_ITERATIONS} iterations. Contributions are the arithmetic ones scaled to sum to
 * the formula's score.
 */
public final class FormulaEngine implements WeightingEngine {

  public static final String ID = "formula";
  public static final String FORMULA = "formula";
  static final int MAX_LENGTH = 2_000;
  static final int MAX_NODES = 500;
  static final int MAX_ITERATIONS = 1_000;

  private static final CelOptions OPTIONS =
      CelOptions.current()
          .enableHeterogeneousNumericComparisons(true)
          .maxParseExpressionNodeCount(MAX_NODES)
          .comprehensionMaxIterations(MAX_ITERATIONS)
          .build();
  private static final CelCompiler COMPILER =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setOptions(OPTIONS)
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addLibraries(CelExtensions.math(OPTIONS))
          .addVar("score", SimpleType.DOUBLE)
          .addVar("measures", MapType.create(SimpleType.STRING, SimpleType.DOUBLE))
          .addVar("groups", MapType.create(SimpleType.STRING, SimpleType.DOUBLE))
          .setResultType(SimpleType.DOUBLE)
          .build();
  private static final CelRuntime RUNTIME =
      CelRuntimeFactory.standardCelRuntimeBuilder()
          .setOptions(OPTIONS)
          .addLibraries(CelExtensions.math(OPTIONS))
          .build();

  /** Compiled programs by formula text; a scorecard's formula compiles once per process. */
  private static final Map<String, CelRuntime.Program> PROGRAMS = new ConcurrentHashMap<>();

  private static final int MAX_CACHED = 10_000;

  private final WeightedMeanEngine mean = new WeightedMeanEngine();

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "A CEL expression over score (the weighted mean), measures and groups (id -> 0-100, "
        + "present ones only) returning the 0-100 score.";
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(
        new Parameter(
            FORMULA,
            true,
            "CEL expression returning a double, e.g. "
                + "has(measures.csm_sentiment) && measures.csm_sentiment < 25.0 "
                + "? math.least(score, 39.9) : score"));
  }

  @Override
  public List<Violation> validate(Scorecard scorecard, String root) {
    String path = root + "." + FORMULA;
    String formula = scorecard.engineSettings().get(FORMULA);
    if (formula == null || formula.isBlank() || formula.length() > MAX_LENGTH) {
      return List.of(
          new Violation(path, "must be a CEL expression of 1-" + MAX_LENGTH + " characters"));
    }
    CelRuntime.Program program;
    try {
      program = compile(formula);
    } catch (CelValidationException e) {
      return e.getErrors().stream().map(issue -> new Violation(path, describe(issue))).toList();
    } catch (CelEvaluationException e) {
      return List.of(new Violation(path, e.getMessage()));
    }
    List<Violation> violations = new ArrayList<>();
    List<Measure> measures = scorecard.measures();
    for (int missing = -1; missing < measures.size() && violations.isEmpty(); missing++) {
      Map<String, Double> present = new LinkedHashMap<>();
      for (int i = 0; i < measures.size(); i++) {
        if (i != missing) {
          present.put(measures.get(i).id(), 50.0);
        }
      }
      if (present.isEmpty()) {
        continue; // nothing to combine: engines are not called then
      }
      Map<String, Double> groups = new LinkedHashMap<>();
      scorecard
          .groups()
          .forEach(
              g ->
                  g.measures().stream()
                      .filter(m -> present.containsKey(m.id()))
                      .findAny()
                      .ifPresent(m -> groups.put(g.id(), 50.0)));
      try {
        program.eval(Map.of("score", 50.0, "measures", present, "groups", groups));
      } catch (CelEvaluationException e) {
        violations.add(
            new Violation(
                path,
                (missing < 0
                        ? "fails with every measure present"
                        : "fails when measure " + measures.get(missing).id() + " has no data")
                    + ": "
                    + e.getMessage()));
      }
    }
    return violations;
  }

  @Override
  public Combination combine(Scorecard scorecard, List<PresentMeasure> present) {
    Combination weighted = mean.combine(scorecard, present);
    Map<String, Double> measures = new HashMap<>();
    Map<String, double[]> groupSums = new LinkedHashMap<>();
    for (PresentMeasure p : present) {
      measures.put(p.measure().id(), p.normalised());
      double[] sums = groupSums.computeIfAbsent(p.group().id(), g -> new double[2]);
      sums[0] += p.measure().weight() * p.normalised();
      sums[1] += p.measure().weight();
    }
    Map<String, Double> groups = new HashMap<>();
    groupSums.forEach((id, sums) -> groups.put(id, sums[0] / sums[1]));
    double score;
    try {
      Object result =
          compile(scorecard.engineSettings().get(FORMULA))
              .eval(Map.of("score", weighted.score(), "measures", measures, "groups", groups));
      score = ((Number) result).doubleValue();
    } catch (CelValidationException | CelEvaluationException | RuntimeException e) {
      score = Double.NaN; // the scorer reports an unknown band rather than a guess
    }
    return weighted.rescaledTo(Double.isFinite(score) ? Math.max(0, Math.min(100, score)) : score);
  }

  private static CelRuntime.Program compile(String formula)
      throws CelValidationException, CelEvaluationException {
    CelRuntime.Program program = PROGRAMS.get(formula);
    if (program == null) {
      CelAbstractSyntaxTree ast = COMPILER.compile(formula).getAst();
      program = RUNTIME.createProgram(ast);
      if (PROGRAMS.size() >= MAX_CACHED) {
        PROGRAMS.clear(); // formulas are few; this only bounds memory against abuse
      }
      PROGRAMS.put(formula, program);
    }
    return program;
  }

  private static String describe(CelIssue issue) {
    return "line "
        + issue.getSourceLocation().getLine()
        + ", column "
        + (issue.getSourceLocation().getColumn() + 1)
        + ": "
        + issue.getMessage();
  }
}
