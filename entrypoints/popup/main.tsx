import { paintFirst } from '@/components/popup/first-paint';
import { startPage } from '@/components/startPage';
import { t, userLocale } from '@/utils/i18n';
import './style.css';

startPage(
  t('extName'),
  () => import('./App').then(({ App }) => App),
  (root) => paintFirst(root, location.hash, Date.now(), userLocale()),
);
