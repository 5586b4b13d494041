import { Paper, Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { EmptyState } from './query-state';

interface ListTableProps {
  readonly testId: string;
  /** Names the table for screen readers (usually the screen's title). */
  readonly caption: string;
  readonly columns: readonly string[];
  /** Shown instead of the table when there are no rows. */
  readonly empty: string;
  readonly isEmpty: boolean;
  /** Below this width the table scrolls sideways. */
  readonly minWidth: number;
  readonly highlightOnHover?: boolean;
  /** The rows (`Table.Tr`). */
  readonly children: ReactNode;
}

/** A list screen's table: a bordered panel with the empty state or a striped, captioned table of column headers and rows. */
export function ListTable({ testId, caption, columns, empty, isEmpty, minWidth, highlightOnHover = true, children }: ListTableProps) {
  return (
    <Paper withBorder p="md">
      {isEmpty ? (
        <EmptyState>{empty}</EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={minWidth}>
          <Table striped highlightOnHover={highlightOnHover} data-testid={testId}>
            <Table.Caption>{caption}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                {columns.map((column, i) => (
                  <Table.Th key={i} scope="col">
                    {column}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>{children}</Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
