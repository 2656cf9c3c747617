from maillage.cli import main

raise SystemExit(main())
