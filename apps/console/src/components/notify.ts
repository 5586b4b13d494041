import { notifications } from '@mantine/notifications';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** "Assign: done", with a close button that says what it does. */
export function notifyDone(t: Translate, action: string): void {
  notifications.show({ color: 'teal', message: t('command.done', { action: t(`action.${action}`) }), closeButtonProps: { 'aria-label': t('common.dismiss') } });
}
