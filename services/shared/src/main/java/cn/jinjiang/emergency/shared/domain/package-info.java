/**
 * What every service's domain may throw without knowing HTTP: a wrong field, something unknown, a state that refuses
 * the request. The problem mappers translate them; no domain package imports a JAX-RS type.
 */
package cn.jinjiang.emergency.shared.domain;
