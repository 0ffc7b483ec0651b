package org.liangze.platform;

import java.beans.FeatureDescriptor;
import java.util.Collections;
import java.util.Iterator;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;

/**
 * An EL resolver of Camunda's expressions that resolves nothing unless a subclass overrides what it answers: in a
 * composite resolver every question goes on to the next resolver (none of these marks anything resolved).
 */
public abstract class ResolvesNothing extends ELResolver {

  @Override
  public Object getValue(ELContext context, Object base, Object property) {
    return null;
  }

  @Override
  public Class<?> getType(ELContext context, Object base, Object property) {
    return null;
  }

  @Override
  public void setValue(ELContext context, Object base, Object property, Object value) {
  }

  @Override
  public boolean isReadOnly(ELContext context, Object base, Object property) {
    return true;
  }

  @Override
  public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
    return Collections.emptyIterator();
  }

  @Override
  public Class<?> getCommonPropertyType(ELContext context, Object base) {
    return Object.class;
  }
}
