package io.healthscore.scoring;

/**
 * One thing wrong with an input, named by the path of the offending field (e.g. groups[0].weight).
 */
public record Violation(String field, String message) {}
