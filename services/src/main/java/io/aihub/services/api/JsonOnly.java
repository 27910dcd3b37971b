package io.aihub.services.api;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The API speaks JSON only. S3Proxy (the single-machine mode's S3 server) brings Jackson's XML module, which would
 * otherwise make Spring MVC answer {@code Accept: application/xml} with XML.
 */
@Configuration(proxyBeanMethods = false)
class JsonOnly implements WebMvcConfigurer {

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.removeIf(converter -> converter.getSupportedMediaTypes().stream()
                .anyMatch(type ->
                        type.getSubtype().equals("xml") || type.getSubtype().endsWith("+xml")));
    }
}
