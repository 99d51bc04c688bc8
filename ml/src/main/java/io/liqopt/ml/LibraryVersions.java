package io.liqopt.ml;

import java.util.LinkedHashMap;
import java.util.Map;

/** The versions of the libraries a bundle is written with, recorded in its manifest. */
public final class LibraryVersions {
  private LibraryVersions() {}

  /** liqopt, Tribuo, XGBoost, DJL, PyTorch and Java versions. */
  public static Map<String, String> current() {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("liqopt", version(LibraryVersions.class, "0.1.0-SNAPSHOT"));
    v.put("tribuo", version(org.tribuo.Model.class, "4.3.2"));
    // xgboost4j and the PyTorch natives carry no implementation version: the pom pins them
    v.put("xgboost4j", "3.4.0");
    v.put("djl", version(ai.djl.Model.class, "0.36.0"));
    v.put("pytorch", "2.7.1");
    v.put("java", System.getProperty("java.version"));
    return v;
  }

  private static String version(Class<?> c, String pinned) {
    String v = c.getPackage() == null ? null : c.getPackage().getImplementationVersion();
    return v == null ? pinned : v;
  }
}
