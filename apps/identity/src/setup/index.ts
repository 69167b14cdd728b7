export { setupModule } from './module.js';
