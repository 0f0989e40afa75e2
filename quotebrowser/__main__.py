from quotebrowser.cli import main

raise SystemExit(main())
