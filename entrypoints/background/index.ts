import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createBackground } from '@/utils/background';

export default defineBackground(() => {
  const background = createBackground();

  // Listeners are registered synchronously so that the event that woke the worker is seen.
  browser.runtime.onInstalled.addListener(() => void background.started('install'));
  browser.runtime.onStartup.addListener(() => void background.started('startup'));
  browser.alarms.onAlarm.addListener((alarm) => void background.alarm(alarm.name));
  browser.runtime.onMessage.addListener((message, sender) => background.handleMessage(message, sender));
  // Firefox has no notification buttons (and no onButtonClicked): a click opens billing there.
  browser.notifications?.onButtonClicked?.addListener((id, index) => void background.notificationButton(id, index));
  browser.notifications?.onClicked.addListener((id) => void background.notificationClicked(id));
  void background.started('wake');
});
