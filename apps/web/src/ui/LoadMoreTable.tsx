import type { ReactNode } from 'react';
import { Table, Text } from '@mantine/core';
import { LoadMoreButton } from './LoadMoreButton';
import { QueryFallback } from './QueryFallback';
import { ScrollTable } from './ScrollTable';

/** What LoadMoreTable reads of `useKeysetList`'s answer. */
export interface LoadMoreList<T> {
  items: T[];
  isPending: boolean;
  error: unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

interface LoadMoreTableProps<T> {
  list: LoadMoreList<T>;
  /** Column headers (`<th scope="col">`). */
  columns: ReactNode[];
  /** One `<Table.Tr>` per item. */
  row: (item: T) => ReactNode;
  /** Shown instead of the table when the list is empty. */
  empty: ReactNode;
  /** Names the scrollable region (ScrollTable); without it the table scrolls in a plain container. */
  label?: string;
  minWidth: number;
  highlightOnHover?: boolean;
  /** Shown above the table when it has rows (e.g. a summary). */
  above?: ReactNode;
  /** The loading or error state fills the page (default) or only this block. */
  asPage?: boolean;
}

/**
 * A keyset-paged table (`useKeysetList`): the loading or error state, the empty text, the table, then "load more"
 * while the server has more. Returns siblings, to sit in the page's Stack.
 */
export function LoadMoreTable<T>(props: LoadMoreTableProps<T>) {
  const { list, columns, row, empty, label, minWidth, highlightOnHover, above, asPage } = props;
  const table = (
    <Table striped highlightOnHover={highlightOnHover}>
      <Table.Thead>
        <Table.Tr>
          {columns.map((column, i) => (
            <Table.Th key={i} scope="col">
              {column}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>{list.items.map(row)}</Table.Tbody>
    </Table>
  );
  return (
    <>
      {list.isPending || list.error ? (
        <QueryFallback error={list.error} asPage={asPage} />
      ) : list.items.length === 0 ? (
        <Text>{empty}</Text>
      ) : (
        <>
          {above}
          {label ? (
            <ScrollTable label={label} minWidth={minWidth}>
              {table}
            </ScrollTable>
          ) : (
            <Table.ScrollContainer minWidth={minWidth}>{table}</Table.ScrollContainer>
          )}
        </>
      )}
      <LoadMoreButton
        hasNextPage={list.hasNextPage}
        isFetchingNextPage={list.isFetchingNextPage}
        fetchNextPage={list.fetchNextPage}
      />
    </>
  );
}
