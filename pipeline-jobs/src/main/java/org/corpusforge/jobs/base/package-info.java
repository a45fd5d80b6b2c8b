/**
 * What every other package of the job may use and which uses none of them: user errors, the storage level of
 * persisted data, injected task faults for tests.
 */
package org.corpusforge.jobs.base;
