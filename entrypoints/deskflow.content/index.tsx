export default defineContentScript({
  matches: ['https://app.deskflow.app/*'],
  main() {},
});
