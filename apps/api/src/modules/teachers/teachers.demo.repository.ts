import type { Insertable } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { TasksTable, TeacherIncidentsTable, TeachersTable } from '../../db/tables.js';

/** Rows only the demo writes directly (the rest goes through the module's repositories). */

export async function insertDemoTeacher(tx: Tx, row: Insertable<TeachersTable>): Promise<void> {
  await tx.insertInto('teachers').values(row).execute();
}

export async function insertDemoTask(tx: Tx, row: TasksTable): Promise<void> {
  await tx.insertInto('tasks').values(row).execute();
}

export async function insertDemoIncidents(tx: Tx, rows: TeacherIncidentsTable[]): Promise<void> {
  await tx.insertInto('teacher_incidents').values(rows).execute();
}
