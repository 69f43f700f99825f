import { mountPage } from '@/components/mountPage';
import { t } from '@/utils/i18n';
import { App } from './App';
import './style.css';

mountPage(App, t('optionsTitle'));
