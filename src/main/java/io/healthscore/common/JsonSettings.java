package io.healthscore.common;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.temporal.Temporal;

/**
 * Strict JSON, as the OpenAPI document types it: a field given twice or text after the value is
 * malformed, a number is not a string (nor the reverse), 1.5 is not an integer, the bytes must be
 * well-formed UTF-8, and text may not carry the NUL character (PostgreSQL cannot store it).
 */
@Singleton
public class JsonSettings implements ObjectMapperCustomizer {

  /**
   * After Quarkus's own customizer: it registers the Java time module, and Jackson keeps the
   * serializer registered last, so before it our instants' serializer would be overridden.
   */
  @Override
  public int priority() {
    return MINIMUM_PRIORITY;
  }

  @Override
  public void customize(ObjectMapper mapper) {
    // Every score is written as JSON (reply and history), about 5 KB of names and numbers: the
    // JDK's reflection and double formatting were most of the JVM's time in a recompute.
    mapper.registerModule(new BlackbirdModule());
    mapper.enable(JsonGenerator.Feature.USE_FAST_DOUBLE_WRITER);
    mapper.enable(JsonParser.Feature.USE_FAST_DOUBLE_PARSER);
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    for (LogicalType number : new LogicalType[] {LogicalType.Integer, LogicalType.Float}) {
      mapper
          .coercionConfigFor(number)
          .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }
    mapper
        .coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    mapper.getFactory().setInputDecorator(new StrictUtf8());
    mapper.registerModule(
        new SimpleModule("healthscore-numbers")
            .addSerializer(Double.class, new ShortDecimals())
            .addSerializer(Double.TYPE, new ShortDecimals())
            .addSerializer(java.time.Instant.class, new IsoInstants())
            .addSerializer(java.time.Duration.class, new DayDurations()));
    mapper.registerModule(
        new SimpleModule("healthscore-text")
            .addDeserializer(String.class, new TextWithoutNul())
            .setDeserializerModifier(new DatesAsText()));
  }

  /**
   * Dates and times only as the ISO-8601 text the document specifies: a bare number (which Jackson
   * would read as epoch seconds) is refused.
   */
  static final class DatesAsText extends BeanDeserializerModifier {
    @Override
    public JsonDeserializer<?> modifyDeserializer(
        DeserializationConfig config,
        BeanDescription description,
        JsonDeserializer<?> deserializer) {
      Class<?> type = description.getBeanClass();
      if (!Temporal.class.isAssignableFrom(type) && type != java.time.Duration.class) {
        return deserializer;
      }
      return new StdDelegatingText<>(deserializer, type);
    }
  }

  /** Passes text to the date's own deserializer; refuses blank text and every other token. */
  static final class StdDelegatingText<T> extends JsonDeserializer<T> {
    private final JsonDeserializer<T> delegate;
    private final Class<?> type;

    @SuppressWarnings("unchecked")
    StdDelegatingText(JsonDeserializer<?> delegate, Class<?> type) {
      this.delegate = (JsonDeserializer<T>) delegate;
      this.type = type;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext context) throws IOException {
      if (!p.hasToken(JsonToken.VALUE_STRING)) {
        return (T) context.handleUnexpectedToken(type, p);
      }
      String text = p.getText();
      // Jackson trims dates, so blank text (control characters included) would read as absent.
      if (text.isEmpty() || text.charAt(0) <= ' ' || text.charAt(text.length() - 1) <= ' ') {
        return (T)
            context.handleWeirdStringValue(
                type, text, "must be ISO-8601 text without surrounding blanks");
      }
      return delegate.deserialize(p, context);
    }
  }

  /** Text as usual, refusing NUL with the field's path. */
  static final class TextWithoutNul extends StringDeserializer {
    @Override
    public String deserialize(JsonParser p, DeserializationContext context) throws IOException {
      String text = super.deserialize(p, context);
      if (text != null && text.indexOf('\u0000') >= 0) {
        throw InvalidFormatException.from(
            p, "must not contain the NUL character", text, String.class);
      }
      return text;
    }
  }
}
