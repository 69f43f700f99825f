import { startPage } from '@/components/startPage';
import { t } from '@/utils/i18n';
import './style.css';

startPage(t('extName'), () => import('./App').then(({ App }) => App));
