package cn.jinjiang.emergency.shared.json;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.constraints.NotBlank;

/**
 * {@code @NotBlank} as a reader sees it: text made only of invisible characters (spaces of any script, zero-width
 * characters, fillers) is blank too. Replaces Hibernate Validator's own {@code @NotBlank} check for every service
 * ({@link StrictValidation}), so a title of one zero-width space is refused like an empty one.
 */
public class VisibleText implements ConstraintValidator<NotBlank, CharSequence> {

    @Override
    public boolean isValid(CharSequence text, ConstraintValidatorContext context) {
        return text != null && hasVisible(text);
    }

    public static boolean hasVisible(CharSequence text) {
        return text.codePoints().anyMatch(c -> !invisible(c));
    }

    static boolean invisible(int c) {
        int type = Character.getType(c);
        return Character.isWhitespace(c) || Character.isSpaceChar(c)
                || type == Character.FORMAT || type == Character.CONTROL
                || c == 0x034F        // combining grapheme joiner
                || c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0   // Hangul fillers
                || c == 0x2800;       // braille pattern blank
    }
}
