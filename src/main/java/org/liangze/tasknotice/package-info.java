/**
 * New-task notices (新任务通知): whenever the engine creates a user task in any process, the people it is for — its
 * assignee, else its candidate users and the members of its candidate groups (a unit's secretary, staff, …) — are
 * told, in words: the process and the task by name, the unit, the due date and a link to the task in Tasklist.
 *
 * <p>The engine records each new task in the task's own transaction (one insert, {@link TaskCreatedListener}); a
 * timer process ({@code processes/task-notices.bpmn}) sends them a page of tasks per job, one notification per
 * person and page however many of the page's tasks are theirs ({@link TaskNotices}). A campaign that creates a
 * thousand tasks at once thus pays a thousand inserts at launch, and its notices are sent after it has committed.
 */
package org.liangze.tasknotice;
