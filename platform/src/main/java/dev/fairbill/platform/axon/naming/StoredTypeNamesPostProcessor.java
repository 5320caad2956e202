package dev.fairbill.platform.axon.naming;

import java.util.List;

import org.axonframework.serialization.Serializer;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;

/**
 * Wraps every Axon {@link Serializer} of the application (the general one, the events' and the messages') in a
 * {@link StoredTypeSerializer} with the stored types found under the application's packages.
 */
public final class StoredTypeNamesPostProcessor implements BeanPostProcessor, BeanFactoryAware {

    private BeanFactory beanFactory;
    private StoredTypes types;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        if (bean instanceof Serializer serializer && !(bean instanceof StoredTypeSerializer)) {
            return new StoredTypeSerializer(serializer, types());
        }
        return bean;
    }

    private synchronized StoredTypes types() {
        if (types == null) {
            List<String> packages = AutoConfigurationPackages.has(beanFactory)
                    ? AutoConfigurationPackages.get(beanFactory) : List.of();
            ClassLoader classLoader = beanFactory instanceof ConfigurableBeanFactory configurable
                    && configurable.getBeanClassLoader() != null
                    ? configurable.getBeanClassLoader() : getClass().getClassLoader();
            types = StoredTypes.scan(classLoader, packages);
        }
        return types;
    }
}
