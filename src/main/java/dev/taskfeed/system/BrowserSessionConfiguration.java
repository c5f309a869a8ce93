package dev.taskfeed.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializingConverter;

/**
 * Browser sessions are kept in PostgreSQL (Spring Session JDBC, table
 * {@code http_session}), so every instance knows them and they outlive restarts and
 * deploys. A deploy may change a class a stored session holds; such an attribute can no
 * longer be read, and is then dropped (the browser is asked to sign in again, or loses a
 * flash message) instead of failing every request of that browser with a 500 until the
 * session expires.
 */
@Configuration(proxyBeanMethods = false)
class BrowserSessionConfiguration implements BeanClassLoaderAware {

	private static final Logger logger = LoggerFactory.getLogger(BrowserSessionConfiguration.class);

	private ClassLoader classLoader;

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	/** Spring Session looks this bean up by name. */
	@Bean
	ConversionService springSessionConversionService() {
		GenericConversionService conversions = new GenericConversionService();
		conversions.addConverter(Object.class, byte[].class, new SerializingConverter());
		conversions.addConverter(byte[].class, Object.class, new TolerantDeserializer(this.classLoader));
		return conversions;
	}

	static final class TolerantDeserializer implements Converter<byte[], Object> {

		private final DeserializingConverter delegate;

		TolerantDeserializer(ClassLoader classLoader) {
			this.delegate = new DeserializingConverter(classLoader);
		}

		@Override
		public Object convert(byte[] source) {
			try {
				return this.delegate.convert(source);
			}
			catch (RuntimeException ex) {
				logger.info("Dropped a browser session attribute that this version cannot read: {}", ex.toString());
				return null;
			}
		}

	}

}
