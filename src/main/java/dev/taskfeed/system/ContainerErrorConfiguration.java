package dev.taskfeed.system;

import dev.taskfeed.common.ContainerErrorReportValve;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Errors Tomcat answers before TaskFeed sees the request are written by
 * {@link ContainerErrorReportValve}, in place of Tomcat's error report (and of the one
 * Spring Boot adds to hide the server's name).
 */
@Configuration(proxyBeanMethods = false)
class ContainerErrorConfiguration {

	/**
	 * Unordered, so it runs after Boot's customizer, whose context customizer adds the
	 * valve this one replaces.
	 */
	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> containerErrorReports() {
		return (factory) -> factory.addContextCustomizers((context) -> {
			if (context.getParent() instanceof StandardHost host) {
				for (Valve valve : host.getPipeline().getValves()) {
					if (valve instanceof ErrorReportValve) {
						host.getPipeline().removeValve(valve);
					}
				}
				// the host adds a valve of this class when it starts
				host.setErrorReportValveClass(ContainerErrorReportValve.class.getName());
			}
		});
	}

}
