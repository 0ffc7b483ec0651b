package org.liangze;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Liangze: the two-responsibilities supervision platform. Camunda 7 runs the processes, the platform's own
 * tables hold the domain (units, lists, letters, ...); one package per part of the loop.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LiangzeApplication {

  public static void main(String[] args) {
    SpringApplication.run(LiangzeApplication.class, args);
  }
}
