package cn.jinjiang.emergency.shared.json;

import io.quarkus.hibernate.validator.ValidatorFactoryCustomizer;
import jakarta.inject.Singleton;
import jakarta.validation.constraints.NotBlank;
import org.hibernate.validator.BaseHibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;

/** Every service's bean validation: {@code @NotBlank} refuses invisible-only text ({@link VisibleText}). */
@Singleton
public class StrictValidation implements ValidatorFactoryCustomizer {

    @Override
    public void customize(BaseHibernateValidatorConfiguration<?> configuration) {
        ConstraintMapping mapping = configuration.createConstraintMapping();
        mapping.constraintDefinition(NotBlank.class)
                .includeExistingValidators(false)
                .validatedBy(VisibleText.class);
        configuration.addMapping(mapping);
    }
}
