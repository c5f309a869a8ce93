package dev.taskfeed.system;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * How TaskFeed stops on SIGTERM without resetting a connection it accepted (see
 * {@link GracefulDrain} and {@link DrainingHttp11NioProtocol}).
 */
@Configuration(proxyBeanMethods = false)
class ShutdownConfiguration {

	@Bean
	GracefulDrain gracefulDrain(ApplicationContext context) {
		return new GracefulDrain(context);
	}

	@Bean
	FilterRegistrationBean<GracefulDrain> gracefulDrainFilter(GracefulDrain drain) {
		FilterRegistrationBean<GracefulDrain> registration = new FilterRegistrationBean<>(drain);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> drainingProtocol() {
		return (factory) -> factory.setProtocol(DrainingHttp11NioProtocol.class.getName());
	}

}
